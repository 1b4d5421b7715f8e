package io.kvrotator.infra;

import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Each parameters file's {@code externalVaults} entries: every field the templates read, a Key Vault name, a
 * subscription GUID, the vault's system topic named, and {@code rotates} holding only resource IDs and
 * {@code app:{objectId}} entries (what {@code ROTATOR_RESOURCE_SCOPES} accepts). A vault listed twice, or the
 * product vault listed again, would get two topics and two role assignments.
 */
final class ExternalVaultsCheck {

    static final List<String> FIELDS = List.of("subscriptionId", "resourceGroup", "name", "systemTopicName", "rotates");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern VAULT_NAME = Pattern.compile("[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");
    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\\w._()]{1,90}/providers/[\\w.]+/[^\\s]+");

    private final Templates templates;
    private final List<Violation> violations;

    ExternalVaultsCheck(Templates templates, List<Violation> violations) {
        this.templates = templates;
        this.violations = violations;
    }

    void check() {
        for (BicepFile parameters : templates.parameterFiles()) {
            parameters.paramValue("externalVaults").ifPresent(value -> check(parameters, value.value()));
        }
    }

    private void check(BicepFile parameters, Expr value) {
        String where = parameters.path();
        if (!(value instanceof Expr.Arr vaults)) {
            fail(where, "externalVaults must be an array of objects");
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Expr vault : vaults.items()) {
            if (!(vault instanceof Expr.Obj entry)) {
                fail(where, "each externalVaults entry must be an object with " + FIELDS);
                continue;
            }
            String name = text(entry, "name").orElse("?");
            String label = "externalVaults entry " + name;
            FIELDS.stream().filter(field -> Expr.path(entry, field).isEmpty())
                    .forEach(field -> fail(where, label + " has no " + field));
            if (!VAULT_NAME.matcher(name).matches()) {
                fail(where, label + ": name is not a Key Vault name");
            }
            if (!names.add(name.toLowerCase())) {
                fail(where, label + " is listed twice");
            }
            text(entry, "subscriptionId").filter(id -> !GUID.matcher(id).matches())
                    .ifPresent(id -> fail(where, label + ": subscriptionId is not a GUID"));
            text(entry, "systemTopicName").filter(String::isBlank)
                    .ifPresent(topic -> fail(where, label + ": systemTopicName is empty (name the vault's topic, or"
                            + " the one to create, e.g. evgt-" + name + ")"));
            Expr.path(entry, "rotates").ifPresent(rotates -> rotates(where, label, rotates));
        }
    }

    private void rotates(String where, String label, Expr rotates) {
        if (!(rotates instanceof Expr.Arr entries)) {
            fail(where, label + ": rotates must be an array");
            return;
        }
        for (Expr item : entries.items()) {
            Optional<String> text = item instanceof Expr.Str str ? str.literal() : Optional.empty();
            boolean valid = text.filter(t -> RESOURCE_ID.matcher(t).matches()
                    || t.startsWith("app:") && GUID.matcher(t.substring(4)).matches()).isPresent();
            if (!valid) {
                fail(where, label + ": rotates holds '" + text.orElse("a non-literal") + "', neither a resource ID"
                        + " nor app:{objectId}");
            }
        }
    }

    private static Optional<String> text(Expr.Obj entry, String field) {
        return Expr.path(entry, field).filter(Expr.Str.class::isInstance).map(Expr.Str.class::cast)
                .flatMap(Expr.Str::literal);
    }

    private void fail(String where, String message) {
        violations.add(new Violation(where, message));
    }
}
