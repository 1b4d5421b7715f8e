package io.kvrotator.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kvrotator.app.ProviderFactories;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The policy check on the real templates, and on altered copies of them: each alteration must be caught, or the
 * check proves nothing.
 */
class InfraPolicyCheckTest {

    private static final InfraSources TEMPLATES = InfraSources.read(ProjectPaths.infraDir());
    private static final InfraPolicyCheck CHECK = new InfraPolicyCheck(InfraExpectations.fromCode(
            AppFunctions.fromAnnotations().entrySet().stream()
                    .filter(f -> f.getValue().equals(AppFunctions.EVENT_GRID_TRIGGER))
                    .map(Map.Entry::getKey).collect(Collectors.toSet())));

    private static final String MAIN = "main.bicep";
    private static final String VAULT = "modules/keyVault.bicep";
    private static final String EVENTS = "modules/vaultEvents.bicep";
    private static final String ONBOARDED = "modules/managedVault.bicep";
    private static final String ROLES = "modules/rotatorRoles.bicep";

    private static List<String> violations(InfraSources sources) {
        return CHECK.check(sources).stream().map(Violation::toString).toList();
    }

    @Test
    @DisplayName("passes on the templates in infra/")
    void passesOnTheTemplates() {
        assertThat(violations(TEMPLATES)).isEmpty();
    }

    @Test
    @DisplayName("reads every template and one parameters file per environment")
    void readsEveryTemplate() {
        assertThat(TEMPLATES.files()).containsKeys(MAIN, VAULT, EVENTS, "modules/functionApp.bicep",
                "modules/functionStorage.bicep", "modules/monitoring.bicep", "modules/storageKeyOperator.bicep",
                "parameters/dev.bicepparam", "parameters/preprod.bicepparam", "parameters/prod.bicepparam");
    }

    @Nested
    @DisplayName("the vault")
    class Vault {

        @Test
        @DisplayName("fails when soft delete is switched off")
        void softDeleteOff() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "enableSoftDelete: true", "enableSoftDelete: false")))
                    .anySatisfy(v -> assertThat(v).contains("soft delete is switched off"));
        }

        @Test
        @DisplayName("fails when soft delete is left to the default")
        void softDeleteMissing() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "enableSoftDelete: true\n", "")))
                    .anySatisfy(v -> assertThat(v).contains("soft delete is not set"));
        }

        @Test
        @DisplayName("fails when purge protection is switched off")
        void purgeProtectionOff() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "enablePurgeProtection: true",
                    "enablePurgeProtection: false")))
                    .anySatisfy(v -> assertThat(v).contains("purge protection is switched off"));
        }

        @Test
        @DisplayName("fails when purge protection becomes a parameter")
        void purgeProtectionConfigurable() {
            InfraSources altered = TEMPLATES
                    .replaceFirst(VAULT, "enablePurgeProtection: true", "enablePurgeProtection: purgeProtection")
                    .replaceFirst(VAULT, "param logAnalyticsWorkspaceId string",
                            "param purgeProtection bool = true\nparam logAnalyticsWorkspaceId string");
            assertThat(violations(altered)).anySatisfy(v -> assertThat(v).contains("purge protection on vault comes from a "
                    + "parameter; policy fixes properties.enablePurgeProtection to true"));
        }

        @Test
        @DisplayName("fails when RBAC authorization is switched off")
        void rbacOff() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "enableRbacAuthorization: true",
                    "enableRbacAuthorization: false")))
                    .anySatisfy(v -> assertThat(v).contains("RBAC authorization is switched off"));
        }

        @Test
        @DisplayName("fails when soft delete retention can exceed 90 days")
        void retentionOutOfRange() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "softDeleteRetentionInDays: softDeleteRetentionInDays",
                    "softDeleteRetentionInDays: 365")))
                    .anySatisfy(v -> assertThat(v).contains("soft delete retention of vault "
                            + "(properties.softDeleteRetentionInDays) must be between 7 and 90"));
        }

        @Test
        @DisplayName("fails when neither the module nor main bounds the soft delete retention")
        void retentionUnbounded() {
            InfraSources altered = TEMPLATES.replaceFirst(VAULT, "@maxValue(90)", "@maxValue(365)")
                    .replaceFirst(MAIN, "@maxValue(90)\nparam softDeleteRetentionInDays",
                            "@maxValue(365)\nparam softDeleteRetentionInDays");
            assertThat(violations(altered)).anySatisfy(v -> assertThat(v).contains("soft delete retention"));
        }

        @Test
        @DisplayName("fails when the audit logs no longer go to Log Analytics")
        void noDiagnostics() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "categoryGroup: 'audit'", "category: 'AzurePolicyEvaluationDetails'")))
                    .anySatisfy(v -> assertThat(v).contains("no diagnostic setting"));
        }

        @Test
        @DisplayName("fails when the vault name breaks the pattern")
        void nameBreaksPattern() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, "var vaultName = 'kv-${env}-${product}'",
                    "var vaultName = '${product}-${env}-kv'")))
                    .anySatisfy(v -> assertThat(v).contains("vault name {product}-{env}-kv breaks the pattern"));
        }

        @Test
        @DisplayName("fails when the vault name leaves out the environment")
        void nameWithoutEnvironment() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, "var vaultName = 'kv-${env}-${product}'",
                    "var vaultName = 'kv-${product}'")))
                    .anySatisfy(v -> assertThat(v).contains("vault name kv-{product} breaks the pattern"));
        }

        @Test
        @DisplayName("fails when the module names the vault itself")
        void nameHardCodedInModule() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: name",
                    "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv-rotator-secrets'")))
                    .anySatisfy(v -> assertThat(v).contains("vault name kv-rotator-secrets breaks the pattern"));
        }

        @Test
        @DisplayName("fails when a parameters file deploys another environment than its own")
        void parametersFileForWrongEnvironment() {
            assertThat(violations(TEMPLATES.replaceFirst("parameters/prod.bicepparam", "param env = 'prod'",
                    "param env = 'dev'")))
                    .anySatisfy(v -> assertThat(v).contains("env is 'dev' in the parameters file of prod"));
        }

        @Test
        @DisplayName("fails when a product name makes the vault name too long for Key Vault")
        void productTooLong() {
            assertThat(violations(TEMPLATES.replaceFirst("parameters/preprod.bicepparam", "param product = 'kvrotator'",
                    "param product = 'kvrotatorsecrets'")))
                    .anySatisfy(v -> assertThat(v).contains("kv-preprod-kvrotatorsecrets is not a valid Key Vault name"));
        }
    }

    @Nested
    @DisplayName("the expiry events")
    class Events {

        @Test
        @DisplayName("fails when a subscription loses its dead-letter destination")
        void deadLetterRemoved() {
            assertThat(violations(TEMPLATES.replaceFirst(EVENTS, "    deadLetterWithResourceIdentity: deadLetter\n", "")))
                    .anySatisfy(v -> assertThat(v).contains("subscription nearExpiry has no dead-letter destination"));
        }

        @Test
        @DisplayName("fails when dead letters go to a container nobody creates")
        void deadLetterContainerMissing() {
            assertThat(violations(TEMPLATES.replaceFirst("modules/functionStorage.bicep", "  'eventgrid-deadletter'\n", "")))
                    .anySatisfy(v -> assertThat(v).contains("dead-letters to container eventgrid-deadletter"));
        }

        @Test
        @DisplayName("fails when a subscription has no retry policy")
        void retryPolicyRemoved() {
            assertThat(violations(TEMPLATES.replaceFirst(EVENTS, "    retryPolicy: retryPolicy\n", "")))
                    .anySatisfy(v -> assertThat(v).contains("subscription nearExpiry has no retry policy"));
        }

        @Test
        @DisplayName("fails when the expired event is no longer subscribed")
        void eventTypeMissing() {
            assertThat(violations(TEMPLATES.replaceFirst(EVENTS, "'Microsoft.KeyVault.SecretExpired'",
                    "'Microsoft.KeyVault.SecretNewVersionCreated'")))
                    .anySatisfy(v -> assertThat(v).contains("has no subscription for Microsoft.KeyVault.SecretExpired"));
        }

        @Test
        @DisplayName("fails when an event goes to the wrong function")
        void wrongFunction() {
            assertThat(violations(TEMPLATES.replaceFirst(EVENTS, "/functions/SecretExpired'", "/functions/SecretNearExpiry'")))
                    .anySatisfy(v -> assertThat(v).contains(
                            "delivers Microsoft.KeyVault.SecretExpired to SecretNearExpiry instead of SecretExpired"));
        }

        @Test
        @DisplayName("fails when a subscription targets a function the app does not have")
        void unknownFunction() {
            assertThat(violations(TEMPLATES.replaceFirst(EVENTS, "/functions/SecretExpired'", "/functions/OnSecretExpired'")))
                    .anySatisfy(v -> assertThat(v).contains("targets OnSecretExpired, which is not an Event Grid function"));
        }

        @Test
        @DisplayName("fails when an onboarded vault has no system topic")
        void onboardedVaultWithoutTopic() {
            assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "module events 'vaultEvents.bicep'",
                    "module events 'storageKeyOperator.bicep'")))
                    .anySatisfy(v -> assertThat(v).contains("vault {externalVaults[].name} has no Event Grid system topic"));
        }
    }

    @Nested
    @DisplayName("the role assignments")
    class Roles {

        @Test
        @DisplayName("are the custom vault roles, the least-privilege built-in roles, and each provider's rotation role")
        void roleIds() {
            assertThat(RequiredRole.all()).extracting(RequiredRole::roleName, RequiredRole::id)
                    .containsExactlyInAnyOrder(
                            tuple("kv-rotator Secret Rotator", null),
                            tuple("kv-rotator Secret Seeder", null),
                            tuple("kv-rotator Access Reviewer", null),
                            tuple("kv-rotator Storage Permission Reader", null),
                            tuple("Storage Account Key Operator Service Role", "81a9662b-bebf-436f-a333-f67b29880f12"),
                            tuple("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
                            tuple("Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
                            tuple("EventGrid Data Sender", "d5a91429-5739-47e2-a06b-3470a27159e7"),
                            tuple("kv-rotator Cognitive Services Key Operator", null),
                            tuple("kv-rotator Search Admin Key Operator", null),
                            tuple("kv-rotator Container Registry Credential Operator", null),
                            tuple("kv-rotator Batch Account Key Operator", null),
                            tuple("kv-rotator Service Bus Key Operator", null),
                            tuple("kv-rotator Event Hubs Key Operator", null),
                            tuple("kv-rotator Redis Key Operator", null),
                            tuple("kv-rotator Cosmos DB Key Operator", null));
        }

        @Test
        @DisplayName("are each listed in docs/DEPLOY.md with their id, the provider roles with the resources they are on")
        void deployGuideListsEveryRole() throws IOException {
            String guide = Files.readString(ProjectPaths.projectDir().resolve("docs/DEPLOY.md"));

            assertThat(RequiredRole.all()).allSatisfy(role -> assertThat(guide).contains(role.isCustom()
                    ? "| " + role.roleName() + " (custom role) |" : "| " + role.roleName() + " `" + role.id() + "` |"));
            ProviderFactories.ALL.forEach(factory -> factory.rotationRoles().forEach(role ->
                    assertThat(guide).contains(role.resourceType())));
        }

        @Test
        @DisplayName("fail when the function's custom vault role may also delete secrets")
        void rotatorMayDelete() {
            assertThat(violations(TEMPLATES.replaceFirst(ROLES, "          'Microsoft.KeyVault/vaults/secrets/update/action'\n",
                    "          'Microsoft.KeyVault/vaults/secrets/update/action'\n          'Microsoft.KeyVault/vaults/secrets/delete'\n")))
                    .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Secret Rotator")
                            .contains("Microsoft.KeyVault/vaults/secrets/delete"));
        }

        @Test
        @DisplayName("fail when the Service Bus key operator may also write authorization rules")
        void serviceBusKeyOperatorMayWrite() {
            assertThat(violations(TEMPLATES.replaceFirst(ROLES,
                    "          'Microsoft.ServiceBus/namespaces/authorizationRules/listkeys/action'\n",
                    "          'Microsoft.ServiceBus/namespaces/authorizationRules/listkeys/action'\n"
                            + "          'Microsoft.ServiceBus/namespaces/authorizationRules/write'\n")))
                    .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Service Bus Key Operator")
                            .contains("Microsoft.ServiceBus/namespaces/authorizationRules/write"));
        }

        @Test
        @DisplayName("fail when the Event Hubs key operator role is not granted per rotated resource")
        void eventHubsKeyOperatorNotLooped() {
            assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "module eventHubsKeyOperators 'eventHubsKeyOperator.bicep' = [for resourceId in rotates:",
                    "module eventHubsKeyOperators 'eventHubsKeyOperator.bicep' = [for resourceId in ['/subscriptions/s/resourceGroups/g/providers/Microsoft.EventHub/namespaces/n/authorizationRules/r']:")))
                    .anySatisfy(v -> assertThat(v).contains("is not made once per rotated resource"));
        }

        @Test
        @DisplayName("fail when the pipeline's custom role may read secret values")
        void seederMayRead() {
            assertThat(violations(TEMPLATES.replaceFirst(ROLES, "          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'\n"
                    + "          'Microsoft.KeyVault/vaults/secrets/setSecret/action'\n        ]\n        notDataActions: []\n      }\n    ]\n"
                    + "    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']\n  }\n}\n\noutput",
                    "          'Microsoft.KeyVault/vaults/secrets/readMetadata/action'\n"
                    + "          'Microsoft.KeyVault/vaults/secrets/setSecret/action'\n          'Microsoft.KeyVault/vaults/secrets/getSecret/action'\n"
                    + "        ]\n        notDataActions: []\n      }\n    ]\n"
                    + "    assignableScopes: [for id in subscriptionIds: '/subscriptions/${id}']\n  }\n}\n\noutput")))
                    .anySatisfy(v -> assertThat(v).contains("custom role kv-rotator Secret Seeder")
                            .contains("getSecret"));
        }

        @Test
        @DisplayName("fail when a custom role grants control-plane actions")
        void customRoleWithActions() {
            assertThat(violations(TEMPLATES.replaceFirst(ROLES, "        actions: []\n", "        actions: [\n          '*'\n        ]\n")))
                    .anySatisfy(v -> assertThat(v).contains("grants control-plane actions [*]; kv-rotator Secret Rotator must grant exactly []"));
        }

        @Test
        @DisplayName("fail when the function gets Key Vault Administrator instead of its custom role")
        void broaderVaultRole() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "roleDefinitionId: subscriptionResourceId("
                    + "'Microsoft.Authorization/roleDefinitions', secretRotatorRoleGuid)", "roleDefinitionId: "
                    + "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00482a5a-887f-4fb3-b363-3b7fe8e74483')")))
                    .anySatisfy(v -> assertThat(v).contains("assigns role 00482a5a-887f-4fb3-b363-3b7fe8e74483"));
        }

        @Test
        @DisplayName("fail when a vault role is granted on the whole resource group")
        void roleOnResourceGroup() {
            assertThat(violations(TEMPLATES.replaceFirst(VAULT, "  scope: vault\n  properties: {\n    roleDefinitionId: "
                    + "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretRotatorRoleGuid)",
                    "  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                            + "secretRotatorRoleGuid)")))
                    .anySatisfy(v -> assertThat(v).contains("assigns kv-rotator Secret Rotator on the whole resource group"));
        }

        @Test
        @DisplayName("fail when an onboarded vault gets no role for the function")
        void onboardedVaultWithoutRole() {
            // Both of the function's roles on the vault (Secret Rotator, Access Reviewer) moved off it.
            assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "  scope: vault\n", "  scope: resourceGroup()\n")
                    .replaceFirst(ONBOARDED, "  scope: vault\n", "  scope: resourceGroup()\n")))
                    .anySatisfy(v -> assertThat(v).contains("onboarded vault {externalVaults[].name}: the function gets no role"));
        }

        @Test
        @DisplayName("fail when an onboarded vault would be created instead of referenced as existing")
        void onboardedVaultCreated() {
            assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {",
                    "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {")))
                    .anySatisfy(v -> assertThat(v).contains("vault name {externalVaults[].name} breaks the pattern kv-{env}-{product}"));
        }

        @Test
        @DisplayName("fail when the storage key role of an onboarded vault is not granted per listed resource")
        void onboardedKeyOperatorNotLooped() {
            assertThat(violations(TEMPLATES.replaceFirst(ONBOARDED, "[for resourceId in rotates:",
                    "[for resourceId in ['/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a']:")))
                    .anySatisfy(v -> assertThat(v).contains("is not made once per rotated resource"));
        }

        @Test
        @DisplayName("fail when the key operator role is not granted per rotated storage account")
        void keyOperatorNotLooped() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, "= [for storageAccountId in rotatedStorageAccountIds: {",
                    "= [for storageAccountId in ['/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a']: {")))
                    .anySatisfy(v -> assertThat(v).contains("is not made once per rotated resource"));
        }
    }

    @Nested
    @DisplayName("the Function App")
    class FunctionApp {

        private static final String APP = "modules/functionApp.bicep";

        @Test
        @DisplayName("fails when FTP comes back")
        void ftpOn() {
            assertThat(violations(TEMPLATES.replaceFirst(APP, "ftpsState: 'Disabled'", "ftpsState: 'FtpsOnly'")))
                    .anySatisfy(v -> assertThat(v).contains("FTP state of site is FtpsOnly"));
        }

        @Test
        @DisplayName("fails when TLS 1.0 is allowed")
        void oldTls() {
            assertThat(violations(TEMPLATES.replaceFirst(APP, "      minTlsVersion: '1.2'", "      minTlsVersion: '1.0'")))
                    .anySatisfy(v -> assertThat(v).contains("minimum TLS version of site is 1.0"));
        }

        @Test
        @DisplayName("fails when it loses its system-assigned identity")
        void noIdentity() {
            assertThat(violations(TEMPLATES.replaceFirst(APP, "type: 'SystemAssigned'", "type: 'None'")))
                    .anySatisfy(v -> assertThat(v).contains("no system-assigned identity"));
        }

        @Test
        @DisplayName("fails when it runs another Java version")
        void otherJava() {
            assertThat(violations(TEMPLATES.replaceFirst(APP, "version: '17'", "version: '21'")))
                    .anySatisfy(v -> assertThat(v).contains("does not run Java 17"));
        }
    }

    @Nested
    @DisplayName("the app settings")
    class AppSettings {

        private static final String SETTINGS_END = "    ROTATOR_ALLOWED_VAULTS: join(managedVaultNames, ',')\n";

        @Test
        @DisplayName("fail when a setting is neither Azure's nor read by the code")
        void unknownSetting() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, SETTINGS_END,
                    SETTINGS_END + "    ROTATOR_RETRY_FOREVER: 'true'\n")))
                    .anySatisfy(v -> assertThat(v).contains("app setting ROTATOR_RETRY_FOREVER is neither Azure's"));
        }

        @Test
        @DisplayName("fail when a required setting is missing")
        void requiredSettingMissing() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, SETTINGS_END, "")))
                    .anySatisfy(v -> assertThat(v).contains("required app setting ROTATOR_ALLOWED_VAULTS is not set"));
        }

        @Test
        @DisplayName("fail when the allowed vaults are not the managed vaults")
        void allowedVaultsHardCoded() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, SETTINGS_END,
                    "    ROTATOR_ALLOWED_VAULTS: vaultName\n")))
                    .anySatisfy(v -> assertThat(v).contains("ROTATOR_ALLOWED_VAULTS evaluates to [kv-{env}-{product}], "
                            + "not to the managed vaults"));
        }

        @Test
        @DisplayName("fail when host storage uses a connection string")
        void hostStorageConnectionString() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, "    AzureWebJobsStorage__accountName: functionStorage.outputs.name\n",
                    "    AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=${functionStorage.outputs.name}'\n")))
                    .anySatisfy(v -> assertThat(v).contains("app setting AzureWebJobsStorage holds a secret"))
                    .anySatisfy(v -> assertThat(v).contains("host storage is not identity-based"));
        }

        @Test
        @DisplayName("fail when the templates claim App Service authentication is on by setting WEBSITE_AUTH_ENABLED")
        void platformAuthenticationNotSetByTemplates() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, SETTINGS_END, "    WEBSITE_AUTH_ENABLED: 'true'\n"
                    + SETTINGS_END)))
                    .anySatisfy(v -> assertThat(v).contains("app setting WEBSITE_AUTH_ENABLED is App Service's own"));
        }

        @Test
        @DisplayName("accept a secret setting that is a Key Vault reference, and only that")
        void secretSettingNeedsKeyVaultReference() {
            String reference = "    ROTATOR_TEAMS_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${productVault.outputs.uri}"
                    + "secrets/ROTATOR-TEAMS-WEBHOOK-URL)'\n";
            InfraSources plain = TEMPLATES.replaceFirst(MAIN, reference, "    ROTATOR_TEAMS_WEBHOOK_URL: teamsWebhookUrl\n")
                    .replaceFirst(MAIN, "param tags object = {}", "param tags object = {}\nparam teamsWebhookUrl string");

            assertThat(violations(TEMPLATES)).isEmpty();
            assertThat(CHECK.check(plain)).extracting(Violation::message)
                    .anySatisfy(m -> assertThat(m).contains("ROTATOR_TEAMS_WEBHOOK_URL holds a secret"));
        }
    }

    @Nested
    @DisplayName("secret values")
    class Secrets {

        @Test
        @DisplayName("fail when a storage key is read into the deployment")
        void listKeys() {
            assertThat(violations(TEMPLATES.replaceFirst(MAIN, "    AzureWebJobsStorage__accountName: functionStorage.outputs.name\n",
                    "    AzureWebJobsStorage__accountName: functionStorage.outputs.name\n"
                            + "    AzureWebJobsStorage__accountKey: listKeys(functionStorage.outputs.id, '2023-05-01').keys[0].value\n")))
                    .anySatisfy(v -> assertThat(v).contains("reads credentials into the deployment with listKeys()"));
        }

        @Test
        @DisplayName("fail when a connection string with a key is written into a parameters file, without printing it")
        void literalConnectionString() {
            String key = "q".repeat(86) + "==";
            List<String> found = violations(TEMPLATES.with("parameters/dev.bicepparam",
                    TEMPLATES.get("parameters/dev.bicepparam") + "// DefaultEndpointsProtocol=https;AccountName=a;AccountKey="
                            + key + "\n"));
            assertThat(found).anySatisfy(v -> assertThat(v).contains("parameters/dev.bicepparam:")
                    .contains("a storage account key in a connection string"));
            assertThat(found).noneSatisfy(v -> assertThat(v).contains(key));
        }

        @Test
        @DisplayName("fail when a secret-named property gets a literal value")
        void literalPassword() {
            assertThat(violations(TEMPLATES.replaceFirst("modules/monitoring.bicep", "    retentionInDays: retentionInDays\n",
                    "    retentionInDays: retentionInDays\n    adminPassword: 'correct-horse-battery-staple'\n")))
                    .anySatisfy(v -> assertThat(v).contains("the secret property adminPassword has a literal value"));
        }
    }

    @Test
    @DisplayName("reports a template it cannot read instead of passing it")
    void unreadableTemplate() {
        assertThat(violations(TEMPLATES.replaceFirst(VAULT, "output uri string = vault.properties.vaultUri",
                "output uri string = vault.properties.vaultUri {")))
                .singleElement().asString().contains("cannot read the templates").contains("modules/keyVault.bicep:");
    }
}
