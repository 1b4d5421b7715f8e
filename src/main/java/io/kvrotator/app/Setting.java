package io.kvrotator.app;

import io.kvrotator.support.SettingDefinition;

/**
 * The app settings of the core; each provider declares its own ({@link ProviderFactories#allSettings()} has them
 * all). {@code local.settings.json.template}, the README and the Bicep app settings are checked against that list by
 * the tests.
 */
public enum Setting implements SettingDefinition {
    ALLOWED_VAULTS("ROTATOR_ALLOWED_VAULTS", null,
            "Comma-separated names of the vaults kv-rotator may act on; events and requests for others are refused."),
    KEYVAULT_URL_TEMPLATE("ROTATOR_KEYVAULT_URL_TEMPLATE", "https://{vault}.vault.azure.net",
            "Vault URL with {vault} in it; change only for a sovereign cloud."),
    RESOURCE_MANAGER_ENDPOINT("ROTATOR_RESOURCE_MANAGER_ENDPOINT", "https://management.azure.com/",
            "Azure Resource Manager endpoint used to list and regenerate the keys of Azure resources."),
    NEAR_EXPIRY_DAYS("ROTATOR_NEAR_EXPIRY_DAYS", "30",
            "A version expiring within this many days counts as near expiry; at least 30, when Key Vault raises its"
                    + " event."),
    CLOCK_SKEW_SECONDS("ROTATOR_CLOCK_SKEW_SECONDS", "300",
            "Clock difference tolerated between Key Vault and this app when deciding whether a version is near"
                    + " expiry."),
    MIN_ROTATION_AGE_MINUTES("ROTATOR_MIN_ROTATION_AGE_MINUTES", "1440",
            "A rotation of a version younger than this is refused (HTTP 409 saying when it may run), so consumers"
                    + " have time to read it; revocation is exempt."),
    RESOURCE_SCOPES("ROTATOR_RESOURCE_SCOPES", "",
            "JSON object from vault name to what its secrets may rotate: Azure scopes (/subscriptions/{id},"
                    + " .../resourceGroups/{rg}, resource IDs) and app:{objectId or appId}. A vault without an entry"
                    + " rotates nothing. Written by infra."),
    VAULT_RESOURCE_IDS("ROTATOR_VAULT_RESOURCE_IDS", "",
            "Comma-separated resource IDs of the managed vaults (/subscriptions/{id}/resourceGroups/{rg}/providers/"
                    + "Microsoft.KeyVault/vaults/{name}), each named in ROTATOR_ALLOWED_VAULTS: the access review reads"
                    + " their role assignments and properties. Empty: no access review. Written by infra."),
    IDENTITY_OBJECT_ID("ROTATOR_IDENTITY_OBJECT_ID", "",
            "Object ID of the function app's managed identity (its service principal), which the access review"
                    + " always expects to read secrets. Written by infra."),
    ACCESS_REVIEW_EXPECTED_PRINCIPALS("ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS", "",
            "Comma-separated object IDs of the service principals (workload identities, pipelines) that may read the"
                    + " managed vaults' secrets or hold roles that grant it; the access review reports any other."),
    KEYVAULT_WRITES_PER_10S("ROTATOR_KEYVAULT_WRITES_PER_10S", "300",
            "Secret writes kv-rotator allows itself per vault per 10 seconds (Key Vault's service limit)."),
    KEYVAULT_OTHERS_PER_10S("ROTATOR_KEYVAULT_OTHERS_PER_10S", "4000",
            "Other Key Vault operations kv-rotator allows itself per vault per 10 seconds (Key Vault's service limit)."),
    VERIFY_ATTEMPTS("ROTATOR_VERIFY_ATTEMPTS", "6",
            "How many times a new credential is tried before the rotation fails (retryably) without storing it."),
    VERIFY_FIRST_DELAY_MS("ROTATOR_VERIFY_FIRST_DELAY_MS", "1000",
            "Wait before the second verification attempt; doubles per attempt up to 30 s."),
    REQUIRE_CALLER_IDENTITY("ROTATOR_REQUIRE_CALLER_IDENTITY", "false",
            "true: the HTTP API refuses calls without an App Service authentication principal; needs App Service"
                    + " authentication on (WEBSITE_AUTH_ENABLED)."),
    REQUIRED_CALLER_ROLE("ROTATOR_REQUIRED_CALLER_ROLE", "",
            "Optional app role the HTTP API caller's principal must carry, e.g. KvRotator.Operator; needs App Service"
                    + " authentication on (WEBSITE_AUTH_ENABLED)."),
    APPROVER_ROLE("ROTATOR_APPROVER_ROLE", "KvRotator.Approver",
            "App role a second person needs to approve a revocation or retirement someone else asked for (POST"
                    + " /api/revocations/{id}/approve) or to withdraw one; needs App Service authentication on."),
    APPROVAL_EXPIRY_HOURS("ROTATOR_APPROVAL_EXPIRY_HOURS", "24",
            "How long a revocation or retirement request may be approved before it expires (1 to 168)."),
    APPROVERS_NOTIFY_TO("ROTATOR_APPROVERS_NOTIFY_TO", "",
            "Comma-separated addresses or Teams routes of the approvers, told of every revocation or retirement"
                    + " request with the secret's owners; empty: the owners (or the default recipients) only."),
    EMERGENCY_REVOCATION("ROTATOR_EMERGENCY_REVOCATION", "false",
            "true: a single person may revoke at once (\"emergency\": true, naming an approvedBy who approves"
                    + " nothing in kv-rotator); its tags and notice say so. Keep false but in an emergency."),
    PLATFORM_AUTHENTICATION("WEBSITE_AUTH_ENABLED", "false",
            "Azure-defined. App Service sets it to True when its authentication is on; only then is the caller's"
                    + " X-MS-CLIENT-PRINCIPAL header trusted. Never set it yourself."),
    GRAPH_ENDPOINT("ROTATOR_GRAPH_ENDPOINT", "https://graph.microsoft.com/v1.0",
            "Microsoft Graph endpoint (app registrations, sendMail); change only for a national cloud."),
    PORTAL_URL("ROTATOR_PORTAL_URL", "https://portal.azure.com",
            "Azure portal base URL for the 'Open in Azure portal' links in notices."),
    TEAMS_WEBHOOK_URL("ROTATOR_TEAMS_WEBHOOK_URL", "",
            "SECRET. Teams Workflows webhook URL of the default channel; empty: no Teams notices."),
    TEAMS_ROUTES("ROTATOR_TEAMS_ROUTES", "",
            "SECRET. JSON object from Teams route name to Workflows webhook URL, for route names in NotifyTo tags."),
    MAIL_SENDER("ROTATOR_MAIL_SENDER", "",
            "Mailbox (address or user object ID) that Graph sendMail sends notices from; empty: no email notices."),
    MAIL_DEFAULT_RECIPIENTS("ROTATOR_MAIL_DEFAULT_RECIPIENTS", "",
            "Comma-separated addresses for items without an email owner and for notices Teams failed to deliver;"
                    + " required with ROTATOR_MAIL_SENDER."),
    MAIL_ALLOWED_DOMAINS("ROTATOR_MAIL_ALLOWED_DOMAINS", "",
            "Comma-separated mail domains an Owner/NotifyTo address may be in (subdomains included); other addresses"
                    + " are never mailed: their notices go to the default recipients and the sweep reports a policy"
                    + " gap. Empty: the domains of ROTATOR_MAIL_SENDER and ROTATOR_MAIL_DEFAULT_RECIPIENTS."),
    NOTIFY_ATTEMPTS("ROTATOR_NOTIFY_ATTEMPTS", "3",
            "Attempts per channel before a notice falls back to the other channel, and per event before it is held"
                    + " in the outbox."),
    NOTIFY_FIRST_DELAY_MS("ROTATOR_NOTIFY_FIRST_DELAY_MS", "1000",
            "Wait before a channel's (or the Event Grid topic's) second attempt; doubles per attempt up to 10 s."),
    EVENTS_TOPIC_ENDPOINT("ROTATOR_EVENTS_TOPIC_ENDPOINT", "",
            "Endpoint of the Event Grid custom topic that gets the rotation events (CloudEvents 1.0), e.g."
                    + " https://evgt-dev-payments.westeurope-1.eventgrid.azure.net/api/events; the function's identity"
                    + " needs EventGrid Data Sender on it. Empty: no events are published."),
    EVENTS_OUTBOX_CONTAINER("ROTATOR_EVENTS_OUTBOX_CONTAINER", "events-outbox",
            "Blob container, in the function app's own storage account, holding the events the topic did not take"
                    + " until they are sent."),
    ALERT_THRESHOLDS_DAYS("ROTATOR_ALERT_THRESHOLDS_DAYS", "30,14,7,3,1",
            "Days before expiry at which each item alerts once (plus once when expired)."),
    SWEEP_SCHEDULE("ROTATOR_SWEEP_SCHEDULE", "0 0 7 * * *",
            "NCRONTAB schedule of ExpirySweep (UTC). The Functions host reads it itself: it must be set in Azure."),
    SWEEP_APPLICATIONS("ROTATOR_SWEEP_APPLICATIONS", "all",
            "App registrations the sweep checks: all (every one the identity can list), none, or object IDs."),
    NOTIFICATION_STATE_CONTAINER("ROTATOR_NOTIFICATION_STATE_CONTAINER", "notification-state",
            "Blob container, in the function app's own storage account, that records which expiry alerts were sent and"
                    + " who had the day's digest."),
    LOCK_CONTAINER("ROTATOR_LOCK_CONTAINER", "rotation-locks",
            "Blob container, in the function app's own storage account, holding the per-secret rotation leases."),
    DEAD_LETTER_CONTAINER("ROTATOR_DEAD_LETTER_CONTAINER", "eventgrid-deadletter",
            "Blob container, in the function app's own storage account, where the Event Grid subscriptions put the"
                    + " events they could not deliver; POST /api/deadletters/replay replays them from there."),
    HTTP_TIMEOUT_SECONDS("ROTATOR_HTTP_TIMEOUT_SECONDS", "30",
            "How long one call to Key Vault, ARM, Graph, Entra or Teams may take before it is retried."),
    HOST_STORAGE_ACCOUNT("AzureWebJobsStorage__accountName", "",
            "Azure-defined. The function app's storage account (identity-based); kv-rotator keeps its alert state there."),
    HOST_STORAGE("AzureWebJobsStorage", "",
            "Azure-defined. SECRET connection string of the function app's storage account (local development);"
                    + " used for alert state when AzureWebJobsStorage__accountName is not set.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }
}
