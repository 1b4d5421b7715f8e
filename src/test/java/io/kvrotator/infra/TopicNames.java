package io.kvrotator.infra;

import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.Expr;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Event Grid system topics a metric alert is scoped to, as name templates ({@code evgt-kv-{env}-{product}}),
 * through a loop over a list such as {@code [for managedVault in managedVaultNames: 'evgt-${managedVault}']}.
 */
final class TopicNames {

    private final Templates templates;

    TopicNames(Templates templates) {
        this.templates = templates;
    }

    Set<String> coveredBy(TemplateValues.Declared rule) {
        Set<String> names = new LinkedHashSet<>();
        Context context = rule.context();
        List<Expr> scopes = rule.get("properties", "scopes").map(s -> templates.resolve(rule.located(s)).expr())
                .filter(Expr.Arr.class::isInstance).map(s -> ((Expr.Arr) s).items()).orElse(List.of());
        for (Expr scope : scopes) {
            if (scope instanceof Expr.Call call && call.name().equals("resourceId") && call.args().size() == 2
                    && call.args().get(0) instanceof Expr.Str type
                    && type.literal().filter(InfraTypes.SYSTEM_TOPIC::equals).isPresent()) {
                Expr name = call.args().get(1);
                if (rule.resource().body() instanceof Expr.For loop && name instanceof Expr.Ident variable
                        && loop.variables().get(0).equals(variable.name())) {
                    names.addAll(expand(new Located(loop.source(), context)));
                } else {
                    names.add(templates.nameTemplate(new Located(name, context)));
                }
            }
        }
        return names;
    }

    /** The names a list evaluates to, writing out a loop whose body is a string around the loop variable. */
    private Set<String> expand(Located list) {
        Located resolved = templates.resolve(list);
        if (!(resolved.expr() instanceof Expr.For loop && loop.body() instanceof Expr.Str body)) {
            return templates.nameTemplates(resolved);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String item : templates.nameTemplates(new Located(loop.source(), resolved.context()))) {
            StringBuilder name = new StringBuilder();
            for (Object part : body.parts()) {
                if (part instanceof Expr.Ident ident && ident.name().equals(loop.variables().get(0))) {
                    name.append(item);
                } else {
                    name.append(part instanceof Expr expr
                            ? templates.nameTemplate(new Located(expr, resolved.context())) : part);
                }
            }
            names.add(name.toString());
        }
        return names;
    }
}
