package io.kvrotator.infra;

import static io.kvrotator.infra.PolicyFlips.AUTHENTICATION;
import static io.kvrotator.infra.PolicyFlips.DEV;
import static io.kvrotator.infra.PolicyFlips.MAIN;
import static io.kvrotator.infra.PolicyFlips.PREPROD;
import static io.kvrotator.infra.PolicyFlips.PROD;
import static io.kvrotator.infra.PolicyFlips.TEMPLATES;
import static io.kvrotator.infra.PolicyFlips.VAULT;
import static io.kvrotator.infra.PolicyFlips.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.app.Settings;
import io.kvrotator.infra.bicep.BicepFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The operations part of the policy check (notice channels, caller authentication, resource log tables) on the
 * real templates and on altered copies: each alteration must be caught, or the check proves nothing.
 */
class OperationsInfraTest {

    @Test
    @DisplayName("the templates in infra/ pass, and include the authentication and alerts modules")
    void passesOnTheTemplates() {
        assertThat(TEMPLATES.files()).containsKeys(AUTHENTICATION, PolicyFlips.ALERTS);
        assertThat(violations(TEMPLATES)).isEmpty();
    }

    @Nested
    @DisplayName("the notice channels")
    class Channels {

        private static final String TEAMS_REFERENCE = "    ROTATOR_TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri="
                + "${productVault.outputs.uri}secrets/ROTATOR-TEAMS-WEBHOOK-URL)'\n";

        @Test
        @DisplayName("fail when the Teams webhook reference is set with Teams off")
        void teamsReferenceWithTeamsOff() {
            InfraSources altered = TEMPLATES.replaceFirst(MAIN, "    ROTATOR_RESOURCE_SCOPES: resourceScopes\n",
                    "    ROTATOR_RESOURCE_SCOPES: resourceScopes\n" + TEAMS_REFERENCE);
            assertThat(violations(altered)).anySatisfy(v -> assertThat(v).contains(
                    "app setting ROTATOR_TEAMS_WEBHOOK_URL is set whether or not teamsNotifications is on"));
        }

        @Test
        @DisplayName("fail when the mail sender follows the Teams switch")
        void mailSwitchedByTeams() {
            InfraSources altered = TEMPLATES.replaceFirst(MAIN, "} : {}, mailNotifications ? {",
                    "} : {}, teamsNotifications ? {");
            assertThat(violations(altered))
                    .anySatisfy(v -> assertThat(v).contains("app setting ROTATOR_MAIL_SENDER is set whether or not "
                            + "mailNotifications is on"))
                    .anySatisfy(v -> assertThat(v).contains("mailNotifications switches none of"));
        }

        @Test
        @DisplayName("fail when an environment turns email on without default recipients")
        void mailWithoutRecipients() {
            InfraSources altered = TEMPLATES.replaceFirst(DEV, "param mailDefaultRecipients = 'platform-team@contoso.com'",
                    "param mailDefaultRecipients = ''");
            assertThat(violations(altered)).anySatisfy(v -> assertThat(v).startsWith(DEV)
                    .contains("turns email on (ROTATOR_MAIL_SENDER) without ROTATOR_MAIL_DEFAULT_RECIPIENTS"));
        }

        @ParameterizedTest(name = "{0} with Teams {1} and email {2}")
        @CsvSource({"dev, true, false", "dev, false, true", "preprod, true, false", "preprod, false, true",
                "prod, true, false", "prod, false, true"})
        @DisplayName("with one channel, the settings the template writes start the app with that channel only")
        void oneChannelStarts(String environment, boolean teams, boolean mail) {
            Map<String, String> environmentVariables = appSettings(environment, teams, mail);

            Settings settings = Settings.from(environmentVariables);

            assertThat(settings.notifications().teamsEnabled()).isEqualTo(teams);
            assertThat(settings.notifications().mailSender().isPresent()).isEqualTo(mail);
            assertThat(environmentVariables).doesNotContainKeys(teams ? "ROTATOR_MAIL_SENDER" : "ROTATOR_TEAMS_WEBHOOK_URL");
        }

        /**
         * The app settings the template writes for one environment with the channel switches given: literal values
         * as the parameters file yields them, stand-ins for what only Azure knows (Key Vault references, names), and
         * WEBSITE_AUTH_ENABLED as App Service sets it with authentication on.
         */
        private Map<String, String> appSettings(String environment, boolean teams, boolean mail) {
            Templates templates = new Templates(TEMPLATES);
            BicepFile parameters = templates.file("parameters/" + environment + ".bicepparam");
            ParameterValues values = new ParameterValues(templates, parameters,
                    Map.of("teamsNotifications", teams, "mailNotifications", mail));
            Map<String, String> standIns = Map.of(
                    "AzureWebJobsStorage__accountName", "st" + environment + "kvrotator",
                    "APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000",
                    "ROTATOR_ALLOWED_VAULTS", "kv-" + environment + "-kvrotator",
                    "ROTATOR_ENTRA_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    "ROTATOR_RESOURCE_SCOPES", "{\"kv-" + environment + "-kvrotator\": []}",
                    "ROTATOR_TEAMS_WEBHOOK_URL", "https://contoso.example/workflows/kv-rotator",
                    "ROTATOR_MAIL_SENDER", "kv-rotator@contoso.com",
                    "ROTATOR_VAULT_RESOURCE_IDS", "/subscriptions/8c4f1b2e-0000-4000-8000-00000000c0de/resourceGroups/rg-"
                            + environment + "-kvrotator/providers/Microsoft.KeyVault/vaults/kv-" + environment + "-kvrotator",
                    "ROTATOR_IDENTITY_OBJECT_ID", "0f1e2d3c-0000-4000-8000-00000000beef",
                    "ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS", "");
            Map<String, String> settings = new LinkedHashMap<>();
            GuardedSettings.present(GuardedSettings.of(templates), values).forEach((key, value) -> settings.put(key,
                    value.map(Object::toString).or(() -> Optional.ofNullable(standIns.get(key)))
                            .orElseThrow(() -> new AssertionError("no stand-in value for app setting " + key))));
            settings.put("WEBSITE_AUTH_ENABLED", "True");
            return settings;
        }
    }

    @Nested
    @DisplayName("the caller authentication")
    class Authentication {

        @Test
        @DisplayName("fails when App Service authentication is not configured")
        void notConfigured() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "name: 'authsettingsV2'", "name: 'logs'")))
                    .anySatisfy(v -> assertThat(v).contains("App Service authentication is not configured"));
        }

        @Test
        @DisplayName("fails when App Service authentication is switched off")
        void switchedOff() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "platform: {\n      enabled: true",
                    "platform: {\n      enabled: false")))
                    .anySatisfy(v -> assertThat(v).contains("App Service authentication is switched off"));
        }

        @Test
        @DisplayName("fails when anonymous requests are let through")
        void anonymousAllowed() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "unauthenticatedClientAction: 'Return401'",
                    "unauthenticatedClientAction: 'AllowAnonymous'")))
                    .anySatisfy(v -> assertThat(v).contains("must get 401 (unauthenticatedClientAction 'Return401'), "
                            + "not AllowAnonymous"));
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "requireAuthentication: true",
                    "requireAuthentication: false")))
                    .anySatisfy(v -> assertThat(v).contains("authentication is not required"));
        }

        @Test
        @DisplayName("fails when Microsoft Entra ID is not the identity provider")
        void entraOff() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "azureActiveDirectory: {\n        enabled: true",
                    "azureActiveDirectory: {\n        enabled: false")))
                    .anySatisfy(v -> assertThat(v).contains("Microsoft Entra ID is not the identity provider"));
        }

        @Test
        @DisplayName("fails when tokens from any tenant are accepted")
        void issuerNotThisTenant() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "${tenant().tenantId}/v2.0", "common/v2.0")))
                    .anySatisfy(v -> assertThat(v).contains("the token issuer (openIdIssuer) is not this tenant"));
        }

        @Test
        @DisplayName("fails when a path other than the Event Grid webhook is excluded from authentication")
        void apiExcluded() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "        eventGridWebhookPath\n",
                    "        eventGridWebhookPath\n        '/api/expiries'\n")))
                    .anySatisfy(v -> assertThat(v).contains("excludes /api/expiries from authentication"));
        }

        @Test
        @DisplayName("fails when Event Grid deliveries would get 401")
        void eventGridNotExcluded() {
            assertThat(violations(TEMPLATES.replaceFirst(AUTHENTICATION, "        eventGridWebhookPath\n", "")))
                    .anySatisfy(v -> assertThat(v).contains("does not exclude /runtime/webhooks/EventGrid"));
        }

        @Test
        @DisplayName("fails when preprod does not require a caller identity")
        void preprodWithoutIdentity() {
            assertThat(violations(TEMPLATES.replaceFirst(PREPROD, "param requireCallerIdentity = true",
                    "param requireCallerIdentity = false")))
                    .anySatisfy(v -> assertThat(v).startsWith(PREPROD)
                            .contains("ROTATOR_REQUIRE_CALLER_IDENTITY is false in preprod"));
        }

        @Test
        @DisplayName("fails when prod does not require the operator role")
        void prodWithoutRole() {
            assertThat(violations(TEMPLATES.replaceFirst(PROD, "param requiredCallerRole = 'KvRotator.Operator'\n", "")))
                    .anySatisfy(v -> assertThat(v).startsWith(PROD)
                            .contains("ROTATOR_REQUIRED_CALLER_ROLE is '' in prod"));
        }
    }

    @Test
    @DisplayName("fails when the vault's logs go to AzureDiagnostics instead of their resource-specific table")
    void vaultLogsNotDedicated() {
        assertThat(violations(TEMPLATES.replaceFirst(VAULT, "    logAnalyticsDestinationType: 'Dedicated'\n", "")))
                .anySatisfy(v -> assertThat(v).contains("diagnostic setting diagnostics of a Microsoft.KeyVault/vaults "
                        + "writes to AzureDiagnostics"));
    }

    @Test
    @DisplayName("a change to one parameters file fails that file alone, for that reason alone")
    void flipsAreNarrow() {
        List<String> found = violations(TEMPLATES.replaceFirst(PROD, "param requiredCallerRole = 'KvRotator.Operator'\n",
                ""));
        assertThat(found).singleElement().asString().startsWith(PROD).contains("ROTATOR_REQUIRED_CALLER_ROLE");
    }
}
