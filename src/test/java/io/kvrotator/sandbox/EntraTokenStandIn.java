package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Entra ID token endpoint for the client-credentials grant, as an authority host
 * ({@code https://127.0.0.1:PORT}). It accepts a client secret while it is a current password of the application
 * in the {@link GraphStandIn} (present, and not past its {@code endDateTime}). Entra is eventually consistent:
 * {@link #propagationAttempts(int)} makes a new password (one made through {@code addPassword}) fail that many
 * requests before it is accepted, and {@link #refuseNewPasswords(boolean)} refuses every new password;
 * {@link #withoutServicePrincipal(String)} makes an application unable to sign in at all.
 * Also answers the instance-discovery and OpenID metadata requests MSAL may make.
 */
public final class EntraTokenStandIn extends StandIn {

    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern METADATA = Pattern.compile("/([^/]+)/v2\\.0/\\.well-known/openid-configuration");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GraphStandIn graph;
    private final Map<String, AtomicInteger> refusalsLeft = new ConcurrentHashMap<>();
    private volatile int propagationAttempts;
    private volatile boolean refuseAll;
    private final java.util.Set<String> withoutServicePrincipal = ConcurrentHashMap.newKeySet();

    public EntraTokenStandIn(SandboxTls tls, GraphStandIn graph) {
        super("entra", tls);
        this.graph = graph;
    }

    public void propagationAttempts(int attempts) {
        this.propagationAttempts = attempts;
    }

    public void refuseNewPasswords(boolean refuse) {
        this.refuseAll = refuse;
    }

    /** The application has no service principal in the tenant: Entra refuses every token request for it. */
    public void withoutServicePrincipal(String appId) {
        withoutServicePrincipal.add(appId.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether a token request with this secret would succeed once propagated; asks nothing over HTTP. */
    public boolean accepts(String appId, String secret) {
        return graph.passwordFor(appId, secret).filter(password -> !expired(password)).isPresent();
    }

    /** The token requests answered so far (not metadata or discovery requests). */
    public List<Call> tokenRequests() {
        return calls().stream().filter(call -> TOKEN.matcher(call.path()).matches()).toList();
    }

    @Override
    protected Response handle(Request request) {
        Matcher metadata = METADATA.matcher(request.path());
        if (request.method().equals("GET") && metadata.matches()) {
            String tenant = metadata.group(1);
            ObjectNode body = JSON.createObjectNode()
                    .put("token_endpoint", baseUrl() + "/" + tenant + "/oauth2/v2.0/token")
                    .put("authorization_endpoint", baseUrl() + "/" + tenant + "/oauth2/v2.0/authorize")
                    .put("issuer", baseUrl() + "/" + tenant + "/v2.0");
            return Response.json(200, body);
        }
        if (request.method().equals("GET") && request.path().endsWith("/discovery/instance")) {
            String host = baseUrl().substring("https://".length());
            ObjectNode body = JSON.createObjectNode().put("tenant_discovery_endpoint",
                    baseUrl() + "/common/v2.0/.well-known/openid-configuration").put("api-version", "1.1");
            body.putArray("metadata").addObject().put("preferred_network", host).put("preferred_cache", host)
                    .putArray("aliases").add(host);
            return Response.json(200, body);
        }
        Matcher token = TOKEN.matcher(request.path());
        if (!request.method().equals("POST") || !token.matches()) {
            return Response.json(404, JSON.createObjectNode().put("error", "not_found"));
        }
        Map<String, String> form = formOf(request.bodyText());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
        }
        String clientId = form.getOrDefault("client_id", "");
        String secret = form.getOrDefault("client_secret", "");
        if (withoutServicePrincipal.contains(clientId.toLowerCase(java.util.Locale.ROOT))) {
            return oauthError(401, "invalid_client", "AADSTS7000229: The client application " + clientId
                    + " is missing service principal in the tenant " + Sandbox.TENANT_ID + ".");
        }
        Optional<GraphStandIn.PasswordState> password = graph.passwordFor(clientId, secret);
        if (password.isPresent() && expired(password.get())) {
            return oauthError(401, "invalid_client", "AADSTS7000222: The provided client secret keys for app '"
                    + clientId + "' are expired.");
        }
        boolean isNew = password.isPresent() && graph.addedThroughApi(password.get());
        if (password.isEmpty() || isNew && (refuseAll || !propagated(secret))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret"
                    + " being sent in the request is the client secret value, not the client secret ID, for a secret"
                    + " added to app '" + clientId + "'.");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String accessToken = "eyJ0eXAiOiJKV1QifQ." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        IssuedSecrets.record(accessToken);
        return Response.json(200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 3599)
                .put("ext_expires_in", 3599).put("access_token", accessToken));
    }

    private boolean expired(GraphStandIn.PasswordState password) {
        return !graph.now().isBefore(password.endDateTime());
    }

    private boolean propagated(String secret) {
        return refusalsLeft.computeIfAbsent(secret, s -> new AtomicInteger(propagationAttempts)).getAndDecrement() <= 0;
    }

    private static Map<String, String> formOf(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static Response oauthError(int status, String error, String description) {
        ObjectNode body = JSON.createObjectNode().put("error", error).put("error_description", description);
        body.putArray("error_codes").add(Integer.parseInt(description.substring("AADSTS".length(), description.indexOf(':'))));
        return Response.json(status, body);
    }
}
