package io.kvrotator.infra;

/** Azure resource types the operations checks look for. */
final class InfraTypes {

    static final String SITE = "Microsoft.Web/sites";
    static final String SITE_CONFIG = "Microsoft.Web/sites/config";
    static final String VAULT = "Microsoft.KeyVault/vaults";
    static final String SYSTEM_TOPIC = "Microsoft.EventGrid/systemTopics";
    static final String EVENT_SUBSCRIPTION = "Microsoft.EventGrid/systemTopics/eventSubscriptions";
    static final String DIAGNOSTICS = "Microsoft.Insights/diagnosticSettings";
    static final String ACTION_GROUP = "Microsoft.Insights/actionGroups";
    static final String LOG_ALERT = "Microsoft.Insights/scheduledQueryRules";
    static final String METRIC_ALERT = "Microsoft.Insights/metricAlerts";

    private InfraTypes() {
    }
}
