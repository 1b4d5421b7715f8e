package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The custom role a role assignment's {@code roleDefinitionId} leads to (through module parameters and outputs, to a
 * {@code Microsoft.Authorization/roleDefinitions} resource's name), and whether that definition grants exactly what
 * the {@link CustomRole} of its name allows.
 */
final class CustomRoleDefinitions {

    static final String ROLE_DEFINITION = "Microsoft.Authorization/roleDefinitions";

    /** A role definition resource where a template declares it. */
    record Found(Statement.Resource definition, Context context) {
    }

    private final Templates templates;

    CustomRoleDefinitions(Templates templates) {
        this.templates = templates;
    }

    /** The role definition resource {@code roleDefinitionId} refers to, if it is one the templates declare. */
    Optional<Found> referencedBy(Located roleDefinitionId) {
        for (Located step : templates.chain(roleDefinitionId)) {
            if (step.expr() instanceof Expr.Call call) {
                for (Expr arg : call.args()) {
                    Optional<Found> found = referencedBy(new Located(arg, step.context()));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            if (step.expr() instanceof Expr.Member member && member.target() instanceof Expr.Ident symbol) {
                Optional<Statement.Resource> resource = step.context().file().resource(symbol.name())
                        .filter(r -> r.type().equals(ROLE_DEFINITION) && !r.existing());
                if (resource.isPresent()) {
                    return Optional.of(new Found(resource.get(), step.context()));
                }
            }
        }
        return Optional.empty();
    }

    /** The literal start of the definition's {@code roleName}, e.g. {@code kv-rotator Secret Rotator (}. */
    String roleName(Found found) {
        Expr name = found.definition().get("properties", "roleName").orElse(new Expr.Null());
        Expr resolved = templates.resolve(new Located(name, found.context())).expr();
        return resolved instanceof Expr.Str str && !str.parts().isEmpty() && str.parts().get(0) instanceof String start
                ? start : "";
    }

    /** What the definition grants beyond, or lacks against, the role it names; empty when it matches exactly. */
    List<String> problems(Found found, RequiredRole role) {
        List<String> problems = new ArrayList<>();
        Expr permissions = templates.resolve(new Located(found.definition().get("properties", "permissions")
                .orElse(new Expr.Arr(List.of())), found.context())).expr();
        List<Expr> entries = permissions instanceof Expr.Arr array ? array.items() : List.of();
        Set<String> actions = new TreeSet<>();
        Set<String> dataActions = new TreeSet<>();
        for (Expr entry : entries) {
            actions.addAll(strings(Expr.path(entry, "actions"), found.context()));
            dataActions.addAll(strings(Expr.path(entry, "dataActions"), found.context()));
        }
        if (!actions.equals(new TreeSet<>(role.actions()))) {
            problems.add("grants control-plane actions " + actions + "; " + role.roleName() + " must grant exactly "
                    + new TreeSet<>(role.actions()));
        }
        if (!dataActions.equals(new TreeSet<>(role.dataActions()))) {
            problems.add("grants data actions " + dataActions + "; " + role.roleName() + " must grant exactly "
                    + new TreeSet<>(role.dataActions()));
        }
        return problems;
    }

    private Set<String> strings(Optional<Expr> value, Context context) {
        Set<String> values = new TreeSet<>();
        value.map(v -> templates.resolve(new Located(v, context)).expr()).filter(Expr.Arr.class::isInstance)
                .map(Expr.Arr.class::cast).ifPresent(array -> array.items().forEach(item ->
                        values.add(templates.resolve(new Located(item, context)).expr() instanceof Expr.Str str
                                ? str.literal().orElse("<interpolated>") : "<not a string>")));
        return values;
    }
}
