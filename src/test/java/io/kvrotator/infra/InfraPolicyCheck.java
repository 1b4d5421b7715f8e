package io.kvrotator.infra;

import io.kvrotator.app.Setting;
import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.Templates.Located;
import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.BicepSyntaxException;
import io.kvrotator.infra.bicep.Expr;
import io.kvrotator.infra.bicep.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the Bicep under {@code infra/} against the organisation's policy (DESIGN.md section 10) and against the
 * code, without Azure: vault naming, soft delete, purge protection, RBAC mode, diagnostics; the expiry event
 * subscriptions with their retry policy and dead-letter destination; the least-privilege role assignments; the
 * Function App's platform settings; app settings against {@link Setting}; and no secret values anywhere.
 * Returns every violation found, empty when the templates comply.
 */
public final class InfraPolicyCheck {

    static final String PRODUCT_VAULT_NAME = "kv-{env}-{product}";
    static final String SHARED_VAULT_NAME = "{org}-kv-{env}-common";
    static final Set<String> ENVIRONMENTS = Set.of("dev", "preprod", "prod");
    static final Set<String> EXPIRY_EVENT_TYPES =
            Set.of("Microsoft.KeyVault.SecretNearExpiry", "Microsoft.KeyVault.SecretExpired");

    /** App settings defined by Azure (Functions host, App Service, Application Insights, Azure Identity). */
    static final Set<String> PLATFORM_SETTINGS = Set.of(
            "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_WORKER_RUNTIME_VERSION",
            "FUNCTIONS_WORKER_PROCESS_COUNT", "AzureWebJobsStorage", "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
            "AzureWebJobsFeatureFlags", "AzureWebJobsDisableHomepage", "AzureWebJobsSecretStorageType",
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "APPLICATIONINSIGHTS_ENABLE_AGENT", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_TIME_ZONE", "WEBSITE_VNET_ROUTE_ALL",
            "WEBSITE_AUTH_ENABLED",
            "AZURE_CLIENT_ID", "JAVA_OPTS", "languageWorkers__java__arguments");

    /** Setting names that hold a credential, whose value must therefore be a Key Vault reference. */
    private static final Pattern SECRET_SETTING =
            Pattern.compile("(?i)AzureWebJobsStorage|.*(SECRET|PASSWORD|TOKEN|WEBHOOK|CONNECTION_?STRING|API_?KEY"
                    + "|ACCOUNT_?KEY|ACCESS_?KEY).*");
    /** Microsoft documents the Application Insights connection string as an identifier, not a secret. */
    private static final Set<String> NOT_SECRET = Set.of("APPLICATIONINSIGHTS_CONNECTION_STRING");
    private static final Pattern KEY_VAULT_NAME = Pattern.compile("[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]");
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FUNCTION_ID = Pattern.compile("/functions/([A-Za-z0-9_-]+)$");

    private static final String VAULT = "Microsoft.KeyVault/vaults";
    private static final String DIAGNOSTICS = "Microsoft.Insights/diagnosticSettings";
    private static final String SYSTEM_TOPIC = "Microsoft.EventGrid/systemTopics";
    private static final String SUBSCRIPTION = "Microsoft.EventGrid/systemTopics/eventSubscriptions";
    private static final String ROLE_ASSIGNMENT = "Microsoft.Authorization/roleAssignments";
    private static final String SITE = "Microsoft.Web/sites";
    private static final String CONTAINER = "Microsoft.Storage/storageAccounts/blobServices/containers";

    private final InfraExpectations expected;

    public InfraPolicyCheck(InfraExpectations expected) {
        this.expected = expected;
    }

    public List<Violation> check(InfraSources sources) {
        Templates templates;
        try {
            templates = new Templates(sources);
        } catch (BicepSyntaxException | IllegalArgumentException | Templates.Unresolved e) {
            return List.of(new Violation("infra", "cannot read the templates: " + e.getMessage()));
        }
        Run run = new Run(templates);
        run.rule("vaults", run::vaults);
        run.rule("parameters files", run::parameterFiles);
        run.rule("expiry events", run::events);
        run.rule("role assignments", run::roles);
        run.rule("function app", run::functionApp);
        run.rule("app settings", run::appSettings);
        run.rule("secret values", () -> SecretLiteralScan.scan(sources, templates, run.violations));
        run.rule("notice channels", () -> new NoticeChannelsCheck(templates, run.violations).check());
        run.rule("caller authentication", () -> new AuthenticationCheck(templates, run.violations).check());
        run.rule("alerts", () -> new AlertRulesCheck(templates, run.violations).check());
        run.rule("resource log tables", () -> new ResourceLogTablesCheck(templates, run.violations).check());
        run.rule("onboarded vaults", () -> new ExternalVaultsCheck(templates, run.violations).check());
        return List.copyOf(run.violations);
    }

    /** One run of the check; the vault names found by the first rule are used by the later ones. */
    private final class Run {
        private final Templates templates;
        private final List<Violation> violations = new ArrayList<>();
        private final Set<String> vaultNames = new LinkedHashSet<>();
        /** Existing vaults managed through the externalVaults parameter, e.g. {@code {externalVaults[].name}}. */
        private final Set<String> onboardedVaults = new LinkedHashSet<>();
        private final Set<String> grantedVaults = new LinkedHashSet<>();

        Run(Templates templates) {
            this.templates = templates;
        }

        /** Runs one rule; a template it cannot evaluate is itself a violation, and the other rules still run. */
        void rule(String name, Runnable rule) {
            try {
                rule.run();
            } catch (Templates.Unresolved | IllegalArgumentException e) {
                violations.add(new Violation(name, e.getMessage()));
            }
        }

        private Set<String> managedVaults() {
            Set<String> managed = new LinkedHashSet<>(vaultNames);
            managed.addAll(onboardedVaults);
            return managed;
        }

        void fail(Context context, String message) {
            violations.add(new Violation(context.describe(), message));
        }

        // ---- vaults: naming, soft delete, purge protection, RBAC, network access, diagnostics

        void vaults() {
            Context root = templates.root();
            Set<String> environments = root.file().param("env").flatMap(p -> p.decorator("allowed"))
                    .map(allowed -> literals(new Located(allowed.args().get(0), root))).orElse(Set.of());
            if (!environments.equals(ENVIRONMENTS)) {
                fail(root, "parameter env must be @allowed " + new TreeSet<>(ENVIRONMENTS) + ", is " + environments);
            }
            for (Context context : templates.contexts()) {
                for (Statement.Resource vault : resources(context, VAULT)) {
                    vault(context, vault);
                }
                context.file().all(Statement.Resource.class).stream()
                        .filter(r -> r.type().equals(VAULT) && r.existing())
                        .forEach(vault -> onboarded(context, vault));
            }
            onboardedVaults.stream().filter(vault -> !grantedVaults.contains(vault)).forEach(vault ->
                    fail(root, "onboarded vault " + vault + ": the function gets no role on it"));
            if (!vaultNames.contains(PRODUCT_VAULT_NAME)) {
                fail(root, "no vault is named " + PRODUCT_VAULT_NAME + " (vaults: " + vaultNames + ")");
            }
        }

        /**
         * An existing vault named by an element of a main array parameter is one kv-rotator is given to manage: the
         * function must get a role on it (which one, the role rule checks).
         */
        private void onboarded(Context context, Statement.Resource vault) {
            Located name = templates.resolve(located(vault, context, "name"));
            Optional<String> element = templates.loopElement(name);
            if (element.isEmpty()) {
                return;
            }
            onboardedVaults.add(element.get());
            if (resources(context, ROLE_ASSIGNMENT).stream()
                    .anyMatch(assignment -> isSymbol(assignment.get("scope"), vault.symbol()))) {
                grantedVaults.add(element.get());
            }
        }

        private void vault(Context context, Statement.Resource vault) {
            String name = templates.nameTemplate(located(vault, context, "name"));
            vaultNames.add(name);
            if (!name.equals(PRODUCT_VAULT_NAME)) {
                fail(context, "vault name " + name + " breaks the pattern " + PRODUCT_VAULT_NAME + "; the shared "
                        + SHARED_VAULT_NAME + " and other existing vaults are onboarded (externalVaults) as existing,"
                        + " never created here");
            }
            requireTrue(context, vault, "soft delete", "properties", "enableSoftDelete");
            requireTrue(context, vault, "purge protection", "properties", "enablePurgeProtection");
            requireTrue(context, vault, "RBAC authorization", "properties", "enableRbacAuthorization");
            if (vault.get("properties", "accessPolicies").isPresent()) {
                fail(context, "vault " + name + " has access policies; access is granted by RBAC role assignments");
            }
            requireBounded(context, vault, "soft delete retention", 7, 90, "properties", "softDeleteRetentionInDays");
            Optional<Expr> network = vault.get("properties", "publicNetworkAccess");
            if (network.isEmpty() || !allowedBy(new Located(network.get(), context), Set.of("Enabled", "Disabled"))) {
                fail(context, "vault " + name + ": publicNetworkAccess must come from a parameter @allowed "
                        + "['Enabled', 'Disabled']");
            }
            boolean audited = resources(context, DIAGNOSTICS).stream()
                    .filter(d -> isSymbol(d.get("scope"), vault.symbol()))
                    .anyMatch(d -> d.get("properties", "workspaceId").isPresent() && logsAudit(context, d));
            if (!audited) {
                fail(context, "vault " + name + " has no diagnostic setting sending its audit logs to Log Analytics");
            }
        }

        private boolean logsAudit(Context context, Statement.Resource diagnostics) {
            Optional<Expr> logs = diagnostics.get("properties", "logs")
                    .map(l -> templates.resolve(new Located(l, context)).expr());
            if (logs.isEmpty() || !(logs.get() instanceof Expr.Arr array)) {
                return false;
            }
            return array.items().stream().anyMatch(log -> isTrue(Expr.path(log, "enabled"), context)
                    && ("audit".equals(literal(Expr.path(log, "categoryGroup"), context))
                    || "allLogs".equals(literal(Expr.path(log, "categoryGroup"), context))
                    || "AuditEvent".equals(literal(Expr.path(log, "category"), context))));
        }

        // ---- parameters files: one per environment, env matching, names that Key Vault accepts

        void parameterFiles() {
            BicepFile main = templates.root().file();
            Set<String> seen = new TreeSet<>();
            for (BicepFile parameters : templates.parameterFiles()) {
                String environment = parameters.path().replaceAll(".*/", "").replace(".bicepparam", "");
                seen.add(environment);
                Context where = new Context(parameters, null, null);
                if (!ENVIRONMENTS.contains(environment)) {
                    fail(where, "parameters file for an unknown environment " + environment);
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Statement.ParamValue value : parameters.all(Statement.ParamValue.class)) {
                    if (main.param(value.name()).isEmpty()) {
                        fail(where, "sets " + value.name() + ", which main.bicep does not declare");
                    }
                    if (value.value() instanceof Expr.Str str) {
                        str.literal().ifPresent(text -> values.put(value.name(), text));
                    }
                }
                for (Statement.Param param : main.all(Statement.Param.class)) {
                    if (param.defaultValue().isEmpty() && parameters.paramValue(param.name()).isEmpty()) {
                        fail(where, "does not set " + param.name() + ", which has no default");
                    }
                    param.defaultValue().filter(Expr.Str.class::isInstance).map(Expr.Str.class::cast)
                            .flatMap(Expr.Str::literal).ifPresent(text -> values.putIfAbsent(param.name(), text));
                }
                if (!environment.equals(values.get("env"))) {
                    fail(where, "env is '" + values.get("env") + "' in the parameters file of " + environment);
                }
                for (String template : vaultNames) {
                    String vaultName = render(template, values);
                    if (!KEY_VAULT_NAME.matcher(vaultName).matches()) {
                        fail(where, "vault name " + vaultName + " is not a valid Key Vault name "
                                + "(3-24 letters, digits and single hyphens)");
                    }
                }
            }
            if (!seen.equals(ENVIRONMENTS)) {
                fail(templates.root(), "parameters files exist for " + seen + "; expected one each for " + ENVIRONMENTS);
            }
        }

        // ---- expiry events: a system topic per vault, both event types, our functions, retries, dead letters

        void events() {
            Set<String> vaultsWithTopic = new LinkedHashSet<>();
            for (Context context : templates.contexts()) {
                for (Statement.Resource topic : resources(context, SYSTEM_TOPIC)) {
                    String vault = templates.nameTemplate(located(topic, context, "properties", "source"));
                    vaultsWithTopic.add(vault);
                    if (!"Microsoft.KeyVault.vaults".equals(literal(topic.get("properties", "topicType"), context))) {
                        fail(context, "system topic " + topic.symbol() + " is not a Key Vault topic");
                    }
                    Set<String> subscribed = new TreeSet<>();
                    resources(context, SUBSCRIPTION).stream()
                            .filter(s -> isSymbol(s.get("parent"), topic.symbol()))
                            .forEach(s -> subscribed.addAll(subscription(context, s)));
                    for (String eventType : EXPIRY_EVENT_TYPES) {
                        if (!subscribed.contains(eventType)) {
                            fail(context, "the topic on vault " + vault + " has no subscription for " + eventType);
                        }
                    }
                }
            }
            for (String vault : managedVaults()) {
                if (!vaultsWithTopic.contains(vault)) {
                    fail(templates.root(), "vault " + vault + " has no Event Grid system topic");
                }
            }
        }

        /** Checks one subscription and returns the event types it delivers. */
        private Set<String> subscription(Context context, Statement.Resource subscription) {
            String name = "subscription " + subscription.symbol();
            Set<String> eventTypes = subscription.get("properties", "filter", "includedEventTypes")
                    .map(types -> literals(new Located(types, context))).orElse(Set.of());
            if (eventTypes.isEmpty()) {
                fail(context, name + " filters no event types");
            }
            Expr destination = subscription.get("properties", "destination").orElse(new Expr.Null());
            if (!"AzureFunction".equals(literal(Expr.path(destination, "endpointType"), context))) {
                fail(context, name + " does not deliver to an Azure Function");
            }
            String function = Expr.path(destination, "properties", "resourceId")
                    .map(id -> lastLiteral(new Located(id, context)))
                    .map(FUNCTION_ID::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null);
            if (function == null) {
                fail(context, name + " does not name a function (resourceId .../functions/<name>)");
            } else {
                if (!expected.eventGridFunctions().contains(function)) {
                    fail(context, name + " targets " + function + ", which is not an Event Grid function of the app "
                            + new TreeSet<>(expected.eventGridFunctions()));
                }
                for (String eventType : eventTypes) {
                    String handler = eventType.substring(eventType.lastIndexOf('.') + 1);
                    if (!handler.equals(function)) {
                        fail(context, name + " delivers " + eventType + " to " + function + " instead of " + handler);
                    }
                }
            }
            Optional<Expr> retry = subscription.get("properties", "retryPolicy")
                    .map(r -> templates.resolve(new Located(r, context)).expr()).filter(Expr.Obj.class::isInstance);
            if (retry.isEmpty()) {
                fail(context, name + " has no retry policy");
            } else {
                requireBounded(context, name, retry.get(), "maxDeliveryAttempts", 1, 30);
                requireBounded(context, name, retry.get(), "eventTimeToLiveInMinutes", 1, 1440);
            }
            deadLetter(context, subscription, name);
            return eventTypes;
        }

        private void deadLetter(Context context, Statement.Resource subscription, String name) {
            Optional<Expr> destination = subscription.get("properties", "deadLetterDestination")
                    .or(() -> subscription.get("properties", "deadLetterWithResourceIdentity")
                            .map(d -> templates.resolve(new Located(d, context)).expr())
                            .flatMap(d -> Expr.path(d, "deadLetterDestination")))
                    .map(d -> templates.resolve(new Located(d, context)).expr());
            if (destination.isEmpty()
                    || !"StorageBlob".equals(literal(Expr.path(destination.get(), "endpointType"), context))
                    || Expr.path(destination.get(), "properties", "resourceId").isEmpty()) {
                fail(context, name + " has no dead-letter destination (a storage blob container)");
                return;
            }
            String container = Expr.path(destination.get(), "properties", "blobContainerName")
                    .map(c -> literal(Optional.of(c), context)).orElse(null);
            if (container == null || !declaredContainers().contains(container)) {
                fail(context, name + " dead-letters to container " + container + ", which no template declares "
                        + declaredContainers());
            }
        }

        private Set<String> declaredContainers() {
            Set<String> names = new TreeSet<>();
            for (Context context : templates.contexts()) {
                for (Statement.Resource container : resources(context, CONTAINER)) {
                    Expr name = container.get("name").orElse(new Expr.Null());
                    if (container.body() instanceof Expr.For loop && name instanceof Expr.Ident variable
                            && loop.variables().get(0).equals(variable.name())) {
                        names.addAll(literals(new Located(loop.source(), context)));
                    } else {
                        Optional.ofNullable(literal(Optional.of(name), context)).ifPresent(names::add);
                    }
                }
            }
            return names;
        }

        // ---- role assignments: exactly the least-privilege roles, each on its own kind of resource

        void roles() {
            Set<RequiredRole> assigned = new HashSet<>();
            for (Context context : templates.contexts()) {
                for (Statement.Resource assignment : resources(context, ROLE_ASSIGNMENT)) {
                    String name = "role assignment " + assignment.symbol();
                    Optional<Expr> definitionId = assignment.get("properties", "roleDefinitionId");
                    String id = definitionId.map(r -> guidIn(new Located(r, context))).orElse(null);
                    Optional<RequiredRole> role = Optional.ofNullable(id).flatMap(RequiredRole::byId)
                            .or(() -> definitionId.flatMap(r -> customRole(name, new Located(r, context))));
                    if (role.isEmpty()) {
                        fail(context, name + " assigns role " + id + ", which is not one of the least-privilege roles "
                                + RequiredRole.all());
                        continue;
                    }
                    assigned.add(role.get());
                    String scope = assignment.get("scope").filter(Expr.Ident.class::isInstance)
                            .flatMap(s -> context.file().resource(((Expr.Ident) s).name()))
                            .map(Statement.Resource::type).orElse("the whole resource group");
                    if (!scope.equals(role.get().scopeType())) {
                        fail(context, name + " assigns " + role.get().roleName() + " on " + scope
                                + "; it belongs on a " + role.get().scopeType());
                    }
                    if (role.get().perRotatedResource() && !perRotatedAccount(context)) {
                        fail(context, name + " is not made once per rotated resource "
                                + "(a module loop over an array parameter of main.bicep)");
                    }
                }
            }
            List<RequiredRole> missing = new ArrayList<>(RequiredRole.all());
            missing.removeAll(assigned);
            missing.forEach(role -> fail(templates.root(), "nothing assigns " + role.roleName()));
        }

        /** The custom role an assignment refers to, checked for exactly the permissions its name stands for. */
        private Optional<RequiredRole> customRole(String assignment, Located roleDefinitionId) {
            CustomRoleDefinitions definitions = new CustomRoleDefinitions(templates);
            Optional<CustomRoleDefinitions.Found> found = definitions.referencedBy(roleDefinitionId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            String roleName = definitions.roleName(found.get());
            Optional<RequiredRole> role = RequiredRole.custom(roleName);
            if (role.isEmpty()) {
                fail(found.get().context(), "custom role '" + roleName + "' is not one of kv-rotator's roles "
                        + List.of(CustomRole.values()));
                return Optional.empty();
            }
            definitions.problems(found.get(), role.get()).forEach(problem -> fail(found.get().context(),
                    "custom role " + role.get().roleName() + " (" + assignment + ") " + problem));
            return role;
        }

        /** Made by a module loop over a main array parameter, or over a list in each element of one. */
        private boolean perRotatedAccount(Context context) {
            if (context.call() == null || !(context.call().body() instanceof Expr.For loop)) {
                return false;
            }
            Located source = templates.resolve(new Located(loop.source(), context.parent()));
            return templates.mainParam(source).filter(p -> p.type().equals("array") || p.type().endsWith("[]"))
                    .isPresent() || templates.loopElement(source).isPresent();
        }

        /** The role definition GUID an expression such as subscriptionResourceId(..., id) carries. */
        private String guidIn(Located located) {
            Located resolved = templates.resolve(located);
            if (resolved.expr() instanceof Expr.Call call) {
                for (Expr arg : call.args()) {
                    String guid = guidIn(new Located(arg, resolved.context()));
                    if (guid != null) {
                        return guid;
                    }
                }
                return null;
            }
            String text = lastLiteral(resolved);
            Matcher matcher = GUID.matcher(text == null ? "" : text);
            return matcher.find() ? matcher.group() : null;
        }

        // ---- the Function App

        void functionApp() {
            List<Context> sites = new ArrayList<>();
            for (Context context : templates.contexts()) {
                for (Statement.Resource site : resources(context, SITE)) {
                    sites.add(context);
                    site(context, site);
                }
            }
            if (sites.isEmpty()) {
                fail(templates.root(), "no Function App (Microsoft.Web/sites)");
            }
            boolean insights = templates.contexts().stream()
                    .flatMap(c -> resources(c, "Microsoft.Insights/components").stream())
                    .anyMatch(c -> c.get("properties", "WorkspaceResourceId").isPresent());
            if (!insights) {
                fail(templates.root(), "no workspace-based Application Insights component");
            }
        }

        private void site(Context context, Statement.Resource site) {
            String kind = Optional.ofNullable(literal(site.get("kind"), context)).orElse("");
            if (!kind.contains("functionapp") || !kind.contains("linux")) {
                fail(context, "the Function App is not a Linux function app (kind '" + kind + "')");
            }
            String identity = Optional.ofNullable(literal(site.get("identity", "type"), context)).orElse("");
            if (!identity.contains("SystemAssigned")) {
                fail(context, "the Function App has no system-assigned identity");
            }
            requireTrue(context, site, "HTTPS only", "properties", "httpsOnly");
            requireLiteral(context, site, "minimum TLS version", Set.of("1.2", "1.3"),
                    "properties", "siteConfig", "minTlsVersion");
            requireLiteral(context, site, "FTP state", Set.of("Disabled"), "properties", "siteConfig", "ftpsState");
            boolean flexJava17 = "java".equals(literal(site.get("properties", "functionAppConfig", "runtime", "name"),
                    context)) && "17".equals(literal(site.get("properties", "functionAppConfig", "runtime", "version"),
                    context));
            boolean linuxFxJava17 = "Java|17".equalsIgnoreCase(
                    literal(site.get("properties", "siteConfig", "linuxFxVersion"), context));
            if (!flexJava17 && !linuxFxJava17) {
                fail(context, "the Function App does not run Java 17");
            }
            boolean ftpOff = resources(context, SITE + "/basicPublishingCredentialsPolicies").stream()
                    .filter(p -> isSymbol(p.get("parent"), site.symbol()))
                    .anyMatch(p -> "ftp".equals(literal(p.get("name"), context))
                            && p.get("properties", "allow").map(a -> a instanceof Expr.Bool b && !b.value()).orElse(false));
            if (!ftpOff) {
                fail(context, "FTP publishing credentials are not switched off");
            }
        }

        // ---- app settings: Azure's own, or read by the code; secrets by Key Vault reference

        void appSettings() {
            Map<String, Located> settings = new LinkedHashMap<>();
            for (Context context : templates.contexts()) {
                for (Statement.Resource config : resources(context, SITE + "/config")) {
                    if ("appsettings".equals(literal(config.get("name"), context))) {
                        config.get("properties").ifPresent(p -> collectSettings(new Located(p, context), settings));
                    }
                }
                for (Statement.Resource site : resources(context, SITE)) {
                    site.get("properties", "siteConfig", "appSettings")
                            .ifPresent(list -> collectSettingList(new Located(list, context), settings));
                }
            }
            Context root = templates.root();
            if (settings.isEmpty()) {
                fail(root, "the Function App has no app settings");
                return;
            }
            settings.forEach((name, value) -> {
                if (!PLATFORM_SETTINGS.contains(name) && !expected.settingKeys().contains(name)) {
                    fail(value.context(), "app setting " + name + " is neither Azure's nor read by the code "
                            + "(not a key of io.kvrotator.app.Setting)");
                }
                if (SECRET_SETTING.matcher(name).matches() && !NOT_SECRET.contains(name) && !isKeyVaultReference(value)) {
                    fail(value.context(), "app setting " + name + " holds a secret: its value must be a Key Vault "
                            + "reference @Microsoft.KeyVault(SecretUri=...)");
                }
            });
            if (settings.containsKey(Setting.PLATFORM_AUTHENTICATION.key())) {
                fail(settings.get(Setting.PLATFORM_AUTHENTICATION.key()).context(), "app setting "
                        + Setting.PLATFORM_AUTHENTICATION.key() + " is App Service's own: it says whether App Service"
                        + " authentication is on; set by a template it would make the function trust caller"
                        + " principals that nothing checked");
            }
            new TreeSet<>(expected.requiredSettingKeys()).stream().filter(key -> !settings.containsKey(key))
                    .forEach(key -> fail(root, "required app setting " + key + " is not set"));
            if (!settings.containsKey("AzureWebJobsStorage__accountName")
                    && !settings.containsKey("AzureWebJobsStorage__blobServiceUri")) {
                fail(root, "host storage is not identity-based (AzureWebJobsStorage__accountName)");
            }
            Located allowedVaults = settings.get(Setting.ALLOWED_VAULTS.key());
            if (allowedVaults != null) {
                Set<String> names = templates.nameTemplates(allowedVaults);
                if (!names.equals(managedVaults())) {
                    fail(allowedVaults.context(), Setting.ALLOWED_VAULTS.key() + " evaluates to " + names
                            + ", not to the managed vaults " + managedVaults());
                }
            }
        }

        private void collectSettings(Located located, Map<String, Located> settings) {
            Located resolved = templates.resolve(located);
            if (resolved.expr() instanceof Expr.Obj obj) {
                obj.properties().forEach(p -> settings.put(p.key(), new Located(p.value(), resolved.context())));
            } else if (resolved.expr() instanceof Expr.Call call && call.name().equals("union")) {
                call.args().forEach(arg -> collectSettings(new Located(arg, resolved.context()), settings));
            } else if (resolved.expr() instanceof Expr.Ternary ternary) {
                collectSettings(new Located(ternary.whenTrue(), resolved.context()), settings);
                collectSettings(new Located(ternary.whenFalse(), resolved.context()), settings);
            } else {
                throw new Templates.Unresolved("cannot list the app settings in " + resolved.context().describe());
            }
        }

        private void collectSettingList(Located located, Map<String, Located> settings) {
            Located resolved = templates.resolve(located);
            if (!(resolved.expr() instanceof Expr.Arr array)) {
                throw new Templates.Unresolved("cannot list siteConfig.appSettings in " + resolved.context().describe());
            }
            for (Expr item : array.items()) {
                String name = literal(Expr.path(item, "name"), resolved.context());
                Expr value = Expr.path(item, "value").orElse(new Expr.Null());
                if (name == null) {
                    throw new Templates.Unresolved("an app setting without a literal name in "
                            + resolved.context().describe());
                }
                settings.put(name, new Located(value, resolved.context()));
            }
        }

        private boolean isKeyVaultReference(Located value) {
            Expr resolved = templates.resolve(value).expr();
            return resolved instanceof Expr.Str str && !str.parts().isEmpty() && str.parts().get(0) instanceof String first
                    && first.startsWith("@Microsoft.KeyVault(");
        }

        // ---- helpers

        private List<Statement.Resource> resources(Context context, String type) {
            return context.file().all(Statement.Resource.class).stream()
                    .filter(r -> r.type().equals(type) && !r.existing()).toList();
        }

        private Located located(Statement.Resource resource, Context context, String... path) {
            return new Located(resource.get(path).orElseThrow(() -> new Templates.Unresolved(
                    resource.symbol() + " in " + context.describe() + " has no " + String.join(".", path))), context);
        }

        private void requireTrue(Context context, Statement.Resource resource, String what, String... path) {
            Optional<Expr> value = resource.get(path);
            if (value.isEmpty()) {
                fail(context, what + " is not set on " + resource.symbol() + " (" + String.join(".", path) + ")");
            } else if (!isTrue(value, context)) {
                fail(context, what + " is switched off on " + resource.symbol() + " (" + String.join(".", path) + ")");
            } else if (templates.chain(new Located(value.get(), context)).stream().anyMatch(this::isParam)) {
                fail(context, what + " on " + resource.symbol() + " comes from a parameter; policy fixes "
                        + String.join(".", path) + " to true");
            }
        }

        private void requireLiteral(Context context, Statement.Resource resource, String what, Set<String> allowed,
                String... path) {
            String value = literal(resource.get(path), context);
            if (!allowed.contains(value)) {
                fail(context, what + " of " + resource.symbol() + " is " + value + ", must be one of " + allowed);
            }
        }

        private void requireBounded(Context context, Statement.Resource resource, String what, int min, int max,
                String... path) {
            Optional<Expr> value = resource.get(path);
            if (value.isEmpty() || !bounded(new Located(value.get(), context), min, max)) {
                fail(context, what + " of " + resource.symbol() + " (" + String.join(".", path)
                        + ") must be between " + min + " and " + max);
            }
        }

        private void requireBounded(Context context, String owner, Expr object, String key, int min, int max) {
            Optional<Expr> value = Expr.path(object, key);
            if (value.isEmpty() || !bounded(new Located(value.get(), context), min, max)) {
                fail(context, owner + ": " + key + " must be between " + min + " and " + max);
            }
        }

        /** A literal within bounds, or a parameter whose @minValue and @maxValue keep it within them. */
        private boolean bounded(Located located, int min, int max) {
            for (Located hop : templates.chain(located)) {
                if (hop.expr() instanceof Expr.Num number) {
                    return number.value() >= min && number.value() <= max;
                }
                Optional<Statement.Param> param = hop.expr() instanceof Expr.Ident ident
                        ? hop.context().file().param(ident.name()) : Optional.empty();
                if (param.isPresent()) {
                    Optional<Long> low = param.get().decorator("minValue").map(d -> number(d.args().get(0)));
                    Optional<Long> high = param.get().decorator("maxValue").map(d -> number(d.args().get(0)));
                    if (low.isPresent() && high.isPresent() && low.get() >= min && high.get() <= max) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Whether the value comes from a parameter whose @allowed values include {@code required}. */
        private boolean allowedBy(Located located, Set<String> required) {
            for (Located hop : templates.chain(located)) {
                Optional<Statement.Param> param = hop.expr() instanceof Expr.Ident ident
                        ? hop.context().file().param(ident.name()) : Optional.empty();
                if (param.flatMap(p -> p.decorator("allowed"))
                        .map(a -> literals(new Located(a.args().get(0), hop.context())).containsAll(required))
                        .orElse(false)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isParam(Located located) {
            return located.expr() instanceof Expr.Ident ident && located.context().file().param(ident.name()).isPresent();
        }

        private boolean isTrue(Optional<Expr> value, Context context) {
            return value.map(v -> templates.resolve(new Located(v, context)).expr())
                    .map(v -> v instanceof Expr.Bool bool && bool.value()).orElse(false);
        }

        /** The string a value resolves to when it has no interpolation; null otherwise. */
        private String literal(Optional<Expr> value, Context context) {
            return value.map(v -> templates.resolve(new Located(v, context)).expr())
                    .filter(Expr.Str.class::isInstance).map(Expr.Str.class::cast)
                    .flatMap(Expr.Str::literal).orElse(null);
        }

        /** The literal text at the end of a (possibly interpolated) string: '.../functions/SecretExpired'. */
        private String lastLiteral(Located located) {
            Expr resolved = templates.resolve(located).expr();
            if (resolved instanceof Expr.Str str && !str.parts().isEmpty()
                    && str.parts().get(str.parts().size() - 1) instanceof String last) {
                return last;
            }
            return null;
        }

        private Set<String> literals(Located located) {
            Located resolved = templates.resolve(located);
            Set<String> values = new TreeSet<>();
            if (resolved.expr() instanceof Expr.Arr array) {
                for (Expr item : array.items()) {
                    Optional.ofNullable(literal(Optional.of(item), resolved.context())).ifPresent(values::add);
                }
            }
            return values;
        }

        private long number(Expr expr) {
            if (expr instanceof Expr.Num number) {
                return number.value();
            }
            throw new Templates.Unresolved("expected a number, found " + Templates.describe(expr));
        }

        private boolean isSymbol(Optional<Expr> expr, String symbol) {
            return expr.filter(Expr.Ident.class::isInstance).map(e -> ((Expr.Ident) e).name().equals(symbol))
                    .orElse(false);
        }

        private String render(String template, Map<String, String> values) {
            Matcher placeholder = Pattern.compile("\\{(\\w+)}").matcher(template);
            StringBuilder rendered = new StringBuilder();
            while (placeholder.find()) {
                String value = values.get(placeholder.group(1));
                placeholder.appendReplacement(rendered,
                        Matcher.quoteReplacement(value == null ? "<" + placeholder.group(1) + " unset>" : value));
            }
            placeholder.appendTail(rendered);
            return rendered.toString();
        }
    }
}
