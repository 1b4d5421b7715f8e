package io.kvrotator.infra;

import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Diagnostic settings of vaults and system topics send their logs to the resource-specific tables (AZKVAuditLogs,
 * AegDeliveryFailureLogs), not to the shared AzureDiagnostics table: {@code logAnalyticsDestinationType: 'Dedicated'}.
 */
final class ResourceLogTablesCheck {

    static final Set<String> RESOURCE_SPECIFIC = Set.of(InfraTypes.VAULT, InfraTypes.SYSTEM_TOPIC);

    private final TemplateValues values;
    private final List<Violation> violations;

    ResourceLogTablesCheck(Templates templates, List<Violation> violations) {
        this.values = new TemplateValues(templates);
        this.violations = violations;
    }

    void check() {
        for (TemplateValues.Declared diagnostics : values.resources(InfraTypes.DIAGNOSTICS)) {
            Optional<String> scopeType = diagnostics.get("scope").filter(Expr.Ident.class::isInstance)
                    .flatMap(s -> diagnostics.context().file().resource(((Expr.Ident) s).name()))
                    .map(Statement.Resource::type).filter(RESOURCE_SPECIFIC::contains);
            boolean toWorkspace = diagnostics.get("properties", "workspaceId").isPresent();
            boolean dedicated = values.literal(diagnostics.get("properties", "logAnalyticsDestinationType"),
                    diagnostics.context()).filter("Dedicated"::equals).isPresent();
            if (scopeType.isPresent() && toWorkspace && !dedicated) {
                violations.add(new Violation(diagnostics.context().describe(), "diagnostic setting "
                        + diagnostics.resource().symbol() + " of a " + scopeType.get() + " writes to AzureDiagnostics;"
                        + " set logAnalyticsDestinationType: 'Dedicated' for the resource-specific table"));
            }
        }
    }
}
