package io.kvrotator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.provider.appregistration.AppRegistrationSecretFactory;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.support.SettingDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    @DisplayName("only the vault allow-list is required; everything else has a production default")
    void defaults() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app, kv-dev-common"));

        assertThat(settings.allowedVaults().vaults()).containsExactly("kv-dev-app", "kv-dev-common");
        assertThat(settings.keyVaultUrlTemplate()).isEqualTo("https://{vault}.vault.azure.net");
        assertThat(settings.nearExpiryWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(defaultValidity(settings, "StorageAccountKey")).isEqualTo(Duration.ofDays(60));
    }

    @Test
    @DisplayName("every bad setting is named in one message")
    void namesEveryBadSetting() {
        assertThatThrownBy(() -> Settings.from(Map.of(
                "ROTATOR_ALLOWED_VAULTS", "kv-dev-app,not_a_vault",
                "ROTATOR_NEAR_EXPIRY_DAYS", "thirty",
                "ROTATOR_KEYVAULT_URL_TEMPLATE", "https://vault.example")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_ALLOWED_VAULTS: vault name 'not_a_vault' is not a valid Key Vault name")
                .hasMessageContaining("ROTATOR_NEAR_EXPIRY_DAYS must be a whole number from 30 to 365, got 'thirty'")
                .hasMessageContaining("ROTATOR_KEYVAULT_URL_TEMPLATE must contain {vault}");
    }

    @Test
    @DisplayName("a near-expiry window shorter than Key Vault's 30-day event is refused at start-up")
    void windowShorterThanTheEvent() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_NEAR_EXPIRY_DAYS", "14")))
                .hasMessageContaining("ROTATOR_NEAR_EXPIRY_DAYS must be a whole number from 30 to 365, got '14'");
    }

    @Test
    @DisplayName("a validity inside the near-expiry window is refused at start-up, naming both settings")
    void validityInsideTheWindow() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_NEAR_EXPIRY_DAYS", "60", "ROTATOR_STORAGE_KEY_VALIDITY_DAYS", "60",
                "ROTATOR_APP_SECRET_VALIDITY_MONTHS", "2")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_STORAGE_KEY_VALIDITY_DAYS (60 days) must be at least 90 days,"
                        + " comfortably longer than ROTATOR_NEAR_EXPIRY_DAYS (60 days)")
                .hasMessageContaining("ROTATOR_APP_SECRET_VALIDITY_MONTHS (2 months) must be at least 90 days,"
                        + " comfortably longer than ROTATOR_NEAR_EXPIRY_DAYS (60 days)");
    }

    @Test
    @DisplayName("the resource scope names subscriptions, resource groups, resources and applications per managed vault")
    void resourceScopes() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app,kv-dev-data",
                "ROTATOR_RESOURCE_SCOPES", "{\"kv-dev-app\": [\"/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/"
                        + "resourceGroups/rg-app\", \"app:0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\"]}"));

        var app = settings.resourceScopes().forVault("KV-DEV-APP");
        assertThat(app.permitsResource("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/RG-APP/"
                + "providers/Microsoft.Storage/storageAccounts/stapp")).isTrue();
        assertThat(app.permitsResource("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-app2/"
                + "providers/Microsoft.Storage/storageAccounts/stapp")).isFalse();
        assertThat(app.permitsApplication("ffffffff-0000-4000-8000-000000000000", "0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0"))
                .isTrue();
        assertThat(settings.resourceScopes().forVault("kv-dev-data").permitsResource(
                "/subscriptions/" + Sandbox.SUBSCRIPTION_ID)).as("a vault without an entry").isFalse();
    }

    @Test
    @DisplayName("a resource scope for an unmanaged vault, or an entry of no known form, is refused at start-up")
    void badResourceScopes() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_RESOURCE_SCOPES", "{\"kv-dev-other\": [], \"kv-dev-app\": [\"*\", \"app:team-a\"]}")))
                .hasMessageContaining("ROTATOR_RESOURCE_SCOPES: vault 'kv-dev-other' is not in ROTATOR_ALLOWED_VAULTS")
                .hasMessageContaining("'*' in the scope of vault 'kv-dev-app' is neither")
                .hasMessageContaining("'app:team-a' in the scope of vault 'kv-dev-app' is neither");
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_RESOURCE_SCOPES", "[1]"))).hasMessageContaining("ROTATOR_RESOURCE_SCOPES must be a JSON object");
    }

    @Test
    @DisplayName("notification settings default to logging only, the 30/14/7/3/1 thresholds and a daily 07:00 sweep")
    void notificationDefaults() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app"));

        assertThat(settings.notifications().teamsEnabled()).isFalse();
        assertThat(settings.notifications().mailSender()).isEmpty();
        assertThat(settings.sweep().thresholdDays()).containsExactly(30, 14, 7, 3, 1);
        assertThat(settings.sweep().schedule()).isEqualTo("0 0 7 * * *");
        assertThat(settings.sweep().applications().all()).isTrue();
        assertThat(settings.hostStorage().configured()).isFalse();
        assertThat(settings.graphEndpoint()).isEqualTo("https://graph.microsoft.com/v1.0");
    }

    @Test
    @DisplayName("a bad webhook URL or route is named by setting and route, and the secret value is never echoed")
    void secretSettingsAreNotEchoed() {
        String secretish = "http://prod-00.example/workflows/abc?sig=DO-NOT-PRINT";

        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_TEAMS_WEBHOOK_URL", secretish,
                "ROTATOR_TEAMS_ROUTES", "{\"payments\": \"" + secretish + "\", \"bad route\": \"x\"}")))
                .hasMessageContaining("ROTATOR_TEAMS_WEBHOOK_URL must be an absolute https URL (value not shown")
                .hasMessageContaining("ROTATOR_TEAMS_ROUTES: route 'payments' must be an absolute https URL")
                .hasMessageContaining("route name 'bad route' must be 1-64 letters")
                .message().doesNotContain("DO-NOT-PRINT");
    }

    @Test
    @DisplayName("routes that are not JSON are refused without the parser's error, which would quote the webhook URLs")
    void malformedRoutesAreNotEchoed() {
        String secretish = "https://prod-00.example/workflows/abc?sig=DO-NOT-PRINT";

        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_TEAMS_ROUTES", "{\"payments\": \"" + secretish + "\", oops}")))
                .hasMessageContaining("ROTATOR_TEAMS_ROUTES must be a JSON object from route name to webhook URL"
                        + " (value not shown: it is a secret)")
                .message().doesNotContain("DO-NOT-PRINT").doesNotContain("oops");
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_TEAMS_ROUTES", "{\"payments\": [\"" + secretish + "\"]}")))
                .hasMessageContaining("ROTATOR_TEAMS_ROUTES: route 'payments' must map to a webhook URL string")
                .message().doesNotContain("DO-NOT-PRINT");
    }

    @Test
    @DisplayName("a scope entry that is not a string is named as an empty entry, a vault without a list is refused")
    void scopeEntriesOfOtherTypes() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app,kv-dev-other",
                "ROTATOR_RESOURCE_SCOPES", "{\"kv-dev-app\": [7, {\"a\": 1}], \"kv-dev-other\": \"app:x\"}")))
                .hasMessageContaining("ROTATOR_RESOURCE_SCOPES: '' in the scope of vault 'kv-dev-app' is neither")
                .hasMessageContaining("ROTATOR_RESOURCE_SCOPES: the scope of vault 'kv-dev-other' must be a list of"
                        + " strings");
    }

    @Test
    @DisplayName("a mail sender needs default recipients, thresholds must be days, the schedule six NCRONTAB fields")
    void notificationProblems() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_MAIL_SENDER", "kv-rotator@contoso.com",
                "ROTATOR_ALERT_THRESHOLDS_DAYS", "30,two",
                "ROTATOR_SWEEP_SCHEDULE", "0 7 * * *",
                "ROTATOR_SWEEP_APPLICATIONS", "payments-api")))
                .hasMessageContaining("ROTATOR_MAIL_DEFAULT_RECIPIENTS is required when ROTATOR_MAIL_SENDER is set")
                .hasMessageContaining("ROTATOR_ALERT_THRESHOLDS_DAYS must list whole numbers of days from 1 to 365, got 'two'")
                .hasMessageContaining("ROTATOR_SWEEP_SCHEDULE must be a six-field NCRONTAB expression")
                .hasMessageContaining("ROTATOR_SWEEP_APPLICATIONS must be all, none, or application object IDs");
    }

    @Test
    @DisplayName("without ROTATOR_MAIL_ALLOWED_DOMAINS, owners may be in the sender's and the default recipients' domains")
    void allowedMailDomainsDefault() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_MAIL_SENDER", "kv-rotator@Contoso.com",
                "ROTATOR_MAIL_DEFAULT_RECIPIENTS", "secops@contoso.com, platform@fabrikam.co.uk"));

        assertThat(settings.notifications().mailAllowedDomains().domains())
                .containsExactlyInAnyOrder("contoso.com", "fabrikam.co.uk");
    }

    @Test
    @DisplayName("ROTATOR_MAIL_ALLOWED_DOMAINS replaces the default, and is normalised to lower case")
    void allowedMailDomainsConfigured() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_MAIL_SENDER", "kv-rotator@contoso.com",
                "ROTATOR_MAIL_DEFAULT_RECIPIENTS", "secops@eu.contoso.com",
                "ROTATOR_MAIL_ALLOWED_DOMAINS", "Contoso.com, @fabrikam.com"));

        assertThat(settings.notifications().mailAllowedDomains().domains())
                .containsExactlyInAnyOrder("contoso.com", "fabrikam.com");
    }

    @Test
    @DisplayName("a malformed, single-label or non-ASCII allowed domain, and a default recipient outside the allowed domains, are named")
    void allowedMailDomainsProblems() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_MAIL_SENDER", "kv-rotator@contoso.com",
                "ROTATOR_MAIL_DEFAULT_RECIPIENTS", "secops@contoso.com, ops@partner.example",
                "ROTATOR_MAIL_ALLOWED_DOMAINS", "contoso.com, com, cont\u03bfso.com, evil.io/x")))
                .hasMessageContaining("ROTATOR_MAIL_ALLOWED_DOMAINS: 'com' must have at least two labels")
                .hasMessageContaining("ROTATOR_MAIL_ALLOWED_DOMAINS: 'cont\u03bfso.com' is not an ASCII domain name")
                .hasMessageContaining("ROTATOR_MAIL_ALLOWED_DOMAINS: 'evil.io/x' is not a domain name")
                .hasMessageContaining("ROTATOR_MAIL_DEFAULT_RECIPIENTS: 'ops@partner.example' is outside"
                        + " ROTATOR_MAIL_ALLOWED_DOMAINS [contoso.com]");
    }

    @Test
    @DisplayName("Teams routes are read case-insensitively; alert state and dead letters are in the host's storage account")
    void routesAndStateStorage() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_TEAMS_ROUTES", "{\"Payments-Oncall\": \"https://example.invalid/workflows/1\"}",
                "AzureWebJobsStorage__accountName", "stdevkvrotator"));

        assertThat(settings.notifications().teamsRoutes()).containsOnlyKeys("payments-oncall");
        assertThat(settings.notifications().teamsRoutes().toString()).doesNotContain("example.invalid");
        assertThat(settings.hostStorage().blobEndpoint()).isEqualTo("https://stdevkvrotator.blob.core.windows.net");
        assertThat(settings.sweep().stateContainer()).isEqualTo("notification-state");
        assertThat(settings.deadLetterContainer()).isEqualTo("eventgrid-deadletter");
    }

    @Test
    @DisplayName("a Key Vault reference the platform could not resolve is named, without echoing it as a value")
    void unresolvedKeyVaultReference() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_TEAMS_WEBHOOK_URL", "@Microsoft.KeyVault(SecretUri=https://kv-dev-app.vault.azure.net/secrets/X)")))
                .hasMessageContaining("ROTATOR_TEAMS_WEBHOOK_URL is a Key Vault reference the platform could not resolve")
                .hasMessageNotContaining("SecretUri");
    }

    @Test
    @DisplayName("a missing allow-list is an error that says what the setting is for")
    void missingAllowList() {
        assertThatThrownBy(() -> Settings.from(Map.of()))
                .hasMessageContaining("ROTATOR_ALLOWED_VAULTS is required: Comma-separated names of the vaults");
    }

    @Test
    @DisplayName("app registration secrets default to 18 months with a 7-day overlap, against the public cloud, with no tenant")
    void appRegistrationDefaults() {
        Settings settings = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app"));

        assertThat(defaultValidity(settings, "AppRegistrationSecret")).isEqualTo(Period.ofMonths(18));
        assertThat(settings.graphEndpoint()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(AppRegistrationSecretFactory.OVERLAP_DAYS.defaultValue()).isEqualTo("7");
        assertThat(AppRegistrationSecretFactory.AUTHORITY_HOST.defaultValue())
                .isEqualTo("https://login.microsoftonline.com");
        assertThat(AppRegistrationSecretFactory.TENANT_ID.defaultValue()).isEmpty();
    }

    @Test
    @DisplayName("a malformed tenant, a validity beyond 24 months and a zero overlap are each named")
    void badAppRegistrationSettings() {
        assertThatThrownBy(() -> Settings.from(Map.of(
                "ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_ENTRA_TENANT_ID", "contoso tenant",
                "ROTATOR_APP_SECRET_VALIDITY_MONTHS", "36",
                "ROTATOR_APP_SECRET_OVERLAP_DAYS", "0")))
                .hasMessageContaining("ROTATOR_ENTRA_TENANT_ID must be a tenant ID (a GUID) or a domain")
                .hasMessageContaining("ROTATOR_APP_SECRET_VALIDITY_MONTHS must be a whole number from 1 to 24, got '36'")
                .hasMessageContaining("ROTATOR_APP_SECRET_OVERLAP_DAYS must be a whole number from 1 to 90, got '0'");
    }

    @Test
    @DisplayName("App Service authentication counts as on only when the platform says True; absent, it is off")
    void platformAuthentication() {
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).platformAuthentication()).isFalse();
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app", "WEBSITE_AUTH_ENABLED", "True"))
                .platformAuthentication()).isTrue();
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app", "WEBSITE_AUTH_ENABLED", "False"))
                .platformAuthentication()).isFalse();
    }

    @Test
    @DisplayName("requiring a caller identity or role without App Service authentication names both settings")
    void identityRequiredWithoutAuthentication() {
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_REQUIRE_CALLER_IDENTITY", "true", "ROTATOR_REQUIRED_CALLER_ROLE", "KvRotator.Operator")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("ROTATOR_REQUIRE_CALLER_IDENTITY is true but WEBSITE_AUTH_ENABLED is not true")
                .hasMessageContaining("ROTATOR_REQUIRED_CALLER_ROLE is set but WEBSITE_AUTH_ENABLED is not true");
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app", "WEBSITE_AUTH_ENABLED", "True",
                "ROTATOR_REQUIRE_CALLER_IDENTITY", "true")).requireCallerIdentity()).isTrue();
    }

    @Test
    @DisplayName("the two-person rule defaults to KvRotator.Approver, 24 hours, the owners only and no emergency mode;"
            + " a role that is no app role value or an expiry out of range is named")
    void approvals() {
        var defaults = Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app")).approvals();

        assertThat(defaults.approverRole()).isEqualTo("KvRotator.Approver");
        assertThat(defaults.expiry()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.approvers()).isEmpty();
        assertThat(defaults.emergencyRevocation()).isFalse();
        assertThat(Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app", "ROTATOR_APPROVERS_NOTIFY_TO",
                "secops@contoso.com, teams:security", "ROTATOR_EMERGENCY_REVOCATION", "true")).approvals())
                .satisfies(approvals -> {
                    assertThat(approvals.approvers()).containsExactly("secops@contoso.com", "teams:security");
                    assertThat(approvals.emergencyRevocation()).isTrue();
                });
        assertThatThrownBy(() -> Settings.from(Map.of("ROTATOR_ALLOWED_VAULTS", "kv-dev-app",
                "ROTATOR_APPROVER_ROLE", "security approvers", "ROTATOR_APPROVAL_EXPIRY_HOURS", "0",
                "ROTATOR_EMERGENCY_REVOCATION", "yes")))
                .hasMessageContaining("ROTATOR_APPROVER_ROLE must be an app role value")
                .hasMessageContaining("ROTATOR_APPROVAL_EXPIRY_HOURS must be a whole number from 1 to 168")
                .hasMessageContaining("ROTATOR_EMERGENCY_REVOCATION must be true or false");
    }

    @Test
    @DisplayName("local.settings.json.template documents every setting the code reads, with no example secret")
    void templateDocumentsEverySetting() throws IOException {
        String template = Files.readString(Path.of("local.settings.json.template"));

        assertThat(ProviderFactories.allSettings().stream().map(SettingDefinition::key)).allSatisfy(key ->
                assertThat(template).contains("\"" + key + "\""));
        assertThat(template).doesNotContainPattern("(?i)(AccountKey=|DefaultEndpointsProtocol=|https://[^\"]*webhook)");
    }

    @Test
    @DisplayName("the README documents every setting the code reads")
    void readmeDocumentsEverySetting() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(ProviderFactories.allSettings().stream().map(SettingDefinition::key)).allSatisfy(key ->
                assertThat(readme).contains("`" + key + "`"));
    }

    private static TemporalAmount defaultValidity(Settings settings, String credentialType) {
        return settings.providers().stream().filter(provider -> provider.credentialType().equals(credentialType))
                .findFirst().orElseThrow().defaultValidity();
    }
}
