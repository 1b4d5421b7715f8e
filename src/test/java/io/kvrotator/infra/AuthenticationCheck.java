package io.kvrotator.infra;

import io.kvrotator.app.Setting;
import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * App Service authentication on the Function App, so that the platform, not the caller, says who is calling: on,
 * Microsoft Entra ID with this tenant as the token issuer, 401 for a request without a token, and no path left out
 * but the Event Grid webhook (Event Grid presents the extension's system key, never a token). In preprod and prod
 * the app also requires a caller identity and the operator app role.
 */
final class AuthenticationCheck {

    static final String EVENT_GRID_WEBHOOK_PATH = "/runtime/webhooks/EventGrid";
    static final String OPERATOR_ROLE = "KvRotator.Operator";
    static final Set<String> STRICT_ENVIRONMENTS = Set.of("preprod", "prod");

    private static final Pattern OTHER_TENANT =
            Pattern.compile("(?i)common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Templates templates;
    private final TemplateValues values;
    private final List<Violation> violations;

    AuthenticationCheck(Templates templates, List<Violation> violations) {
        this.templates = templates;
        this.values = new TemplateValues(templates);
        this.violations = violations;
    }

    void check() {
        Set<String> functionApps = values.resources(InfraTypes.SITE).stream()
                .map(site -> templates.nameTemplate(site.located(site.get("name").orElseThrow())))
                .collect(Collectors.toCollection(TreeSet::new));
        List<TemplateValues.Declared> configs = values.resources(InfraTypes.SITE_CONFIG).stream()
                .filter(c -> values.literal(c.get("name"), c.context()).filter("authsettingsV2"::equals).isPresent())
                .toList();
        if (configs.isEmpty()) {
            fail(templates.root(), "App Service authentication is not configured on the Function App "
                    + "(no Microsoft.Web/sites/config 'authsettingsV2'): callers would be known only by function key");
        }
        for (TemplateValues.Declared config : configs) {
            String site = config.get("parent").filter(Expr.Ident.class::isInstance)
                    .flatMap(p -> config.context().file().resource(((Expr.Ident) p).name()))
                    .flatMap(r -> r.get("name")).map(name -> templates.nameTemplate(config.located(name))).orElse("?");
            if (!functionApps.contains(site)) {
                fail(config.context(), "authentication is configured on " + site + ", not on the Function App "
                        + functionApps);
            }
            authentication(config);
        }
        callerIdentity();
    }

    private void authentication(TemplateValues.Declared config) {
        Context context = config.context();
        requireTrue(config, "App Service authentication is switched off", "properties", "platform", "enabled");
        requireTrue(config, "authentication is not required: anonymous requests reach the functions",
                "properties", "globalValidation", "requireAuthentication");
        String action = values.literal(config.get("properties", "globalValidation", "unauthenticatedClientAction"),
                context).orElse(null);
        if (!"Return401".equals(action)) {
            fail(context, "a request without a token must get 401 (unauthenticatedClientAction 'Return401'), not "
                    + action);
        }
        Set<String> excluded = new TreeSet<>();
        config.get("properties", "globalValidation", "excludedPaths")
                .map(paths -> templates.resolve(config.located(paths)).expr())
                .filter(Expr.Arr.class::isInstance).map(a -> ((Expr.Arr) a).items()).orElse(List.of())
                .forEach(path -> excluded.add(values.literal(Optional.of(path), context).orElse("{?}")));
        excluded.stream().filter(path -> !path.equals(EVENT_GRID_WEBHOOK_PATH)).forEach(path -> fail(context,
                "excludes " + path + " from authentication; only " + EVENT_GRID_WEBHOOK_PATH + " may be excluded"));
        if (!excluded.contains(EVENT_GRID_WEBHOOK_PATH) && deliversToFunctions()) {
            fail(context, "does not exclude " + EVENT_GRID_WEBHOOK_PATH + ": Event Grid delivers there with the "
                    + "extension's system key and no token, so every expiry event would get 401");
        }
        String entra = "identityProviders";
        requireTrue(config, "Microsoft Entra ID is not the identity provider",
                "properties", entra, "azureActiveDirectory", "enabled");
        if (config.get("properties", entra, "azureActiveDirectory", "registration", "clientId").isEmpty()) {
            fail(context, "Microsoft Entra ID has no client ID: it cannot tell which tokens are for this API");
        }
        config.get("properties", entra).filter(Expr.Obj.class::isInstance).map(p -> ((Expr.Obj) p).properties())
                .orElse(List.of()).stream()
                .filter(p -> !p.key().equals("azureActiveDirectory") && values.isTrue(Expr.path(p.value(), "enabled"), context))
                .forEach(p -> fail(context, "identity provider " + p.key() + " is on; only Microsoft Entra ID may be"));
        issuer(config);
    }

    /** The issuer must be this tenant: built from {@code tenant().tenantId}, with no other tenant named. */
    private void issuer(TemplateValues.Declared config) {
        Optional<Expr> issuer = config.get("properties", "identityProviders", "azureActiveDirectory", "registration",
                "openIdIssuer").map(i -> templates.resolve(config.located(i)).expr());
        boolean thisTenant = issuer.filter(Expr.Str.class::isInstance).map(i -> ((Expr.Str) i).parts()).orElse(List.of())
                .stream().anyMatch(AuthenticationCheck::isTenantId);
        String text = issuer.map(i -> values.text(config.located(i))).orElse("");
        if (!thisTenant || OTHER_TENANT.matcher(text).find()) {
            fail(config.context(), "the token issuer (openIdIssuer) is not this tenant: build it from "
                    + "tenant().tenantId, e.g. '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'");
        }
    }

    private static boolean isTenantId(Object part) {
        return part instanceof Expr.Member member && member.name().equals("tenantId")
                && member.target() instanceof Expr.Call call && call.name().equals("tenant") && call.args().isEmpty();
    }

    private boolean deliversToFunctions() {
        return values.resources(InfraTypes.EVENT_SUBSCRIPTION).stream().anyMatch(s -> values.literal(
                s.get("properties", "destination", "endpointType"), s.context()).filter("AzureFunction"::equals).isPresent());
    }

    /** In preprod and prod the app refuses callers without an identity and without the operator role. */
    private void callerIdentity() {
        List<GuardedSettings.Setting> settings = GuardedSettings.of(templates);
        for (BicepFile parameters : templates.parameterFiles()) {
            ParameterValues values = new ParameterValues(templates, parameters, Map.of());
            if (!STRICT_ENVIRONMENTS.contains(values.environment())) {
                continue;
            }
            Map<String, Optional<Object>> present = GuardedSettings.present(settings, values);
            String identity = present.getOrDefault(Setting.REQUIRE_CALLER_IDENTITY.key(), Optional.empty())
                    .map(Object::toString).orElse("unset");
            if (!identity.equalsIgnoreCase("true")) {
                fail(parameters.path(), Setting.REQUIRE_CALLER_IDENTITY.key() + " is " + identity + " in "
                        + values.environment() + "; callers there must carry an identity (requireCallerIdentity = true)");
            }
            String role = present.getOrDefault(Setting.REQUIRED_CALLER_ROLE.key(), Optional.empty())
                    .map(Object::toString).orElse("unset");
            if (!role.equals(OPERATOR_ROLE)) {
                fail(parameters.path(), Setting.REQUIRED_CALLER_ROLE.key() + " is '" + role + "' in "
                        + values.environment() + "; callers there must hold " + OPERATOR_ROLE
                        + " (requiredCallerRole = '" + OPERATOR_ROLE + "')");
            }
        }
    }

    private void requireTrue(TemplateValues.Declared config, String message, String... path) {
        if (!values.isTrue(config.get(path), config.context())) {
            fail(config.context(), message + " (" + String.join(".", path) + " must be true)");
        }
    }

    private void fail(Context context, String message) {
        violations.add(new Violation(context.describe(), message));
    }

    private void fail(String where, String message) {
        violations.add(new Violation(where, message));
    }
}
