package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure Container Registry: the ARM side ({@code listCredentials}, {@code regenerateCredential} and GET of the
 * registry, served by {@link ArmStandIn} in the shapes of the official examples) and the registry's data plane, enough
 * to verify an admin password: {@code GET /v2/} with basic authentication, checked against the admin user's
 * current passwords. Path-style login servers: {@code https://127.0.0.1:PORT/{registry}}.
 */
public final class ContainerRegistryStandIn extends StandIn {

    private final ArmStandIn arm;
    private final Registries type = new Registries();
    /** Registry resource IDs by login name (the registry name in lower case). */
    private final Map<String, String> byLoginName = new ConcurrentHashMap<>();
    private final Set<String> adminDisabled = ConcurrentHashMap.newKeySet();

    public ContainerRegistryStandIn(SandboxTls tls, ArmStandIn arm) {
        super("acr", tls);
        this.arm = arm;
    }

    /** The template for the {@code ROTATOR_ACR_LOGIN_SERVER_TEMPLATE} setting. */
    public String loginServerTemplate() {
        return baseUrl() + "/{registry}";
    }

    /** Creates a registry with its admin user enabled and fresh passwords; returns {@code password}. */
    public String createRegistry(String resourceId) {
        String value = arm.createKeyed(type, resourceId);
        byLoginName.put(name(resourceId).toLowerCase(Locale.ROOT), resourceId);
        return value;
    }

    /** Turns the registry's admin user off ({@code adminUserEnabled: false}): its passwords stop working. */
    public void disableAdminUser(String resourceId) {
        adminDisabled.add(resourceId.toLowerCase(Locale.ROOT));
    }

    public boolean adminUserEnabled(String resourceId) {
        return !adminDisabled.contains(resourceId.toLowerCase(Locale.ROOT));
    }

    /** The admin user's name, as {@code listCredentials} gives it: the registry's name. */
    public static String username(String resourceId) {
        return name(resourceId);
    }

    /** Whether the registry's data plane accepts {@code password} for its admin user now. */
    public boolean accepts(String resourceId, String password) {
        return adminUserEnabled(resourceId) && arm.acceptsKey(resourceId, password);
    }

    public Map<String, KeyState> passwords(String resourceId) {
        return arm.keysOf(resourceId);
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        if (!"GET".equals(request.method()) || segments.length != 3 || !segments[2].equals("v2")
                || !request.path().endsWith("/v2/")) {
            return acrError(404, "NAME_UNKNOWN", "only GET /v2/ is served here");
        }
        String resourceId = byLoginName.get(segments[1]);
        if (resourceId == null) {
            return acrError(404, "NAME_UNKNOWN", "registry " + segments[1] + " is unknown");
        }
        Optional<String[]> basic = basic(request.headers().getOrDefault("authorization", ""));
        boolean valid = basic.isPresent() && basic.get()[0].equals(username(resourceId))
                && accepts(resourceId, basic.get()[1]);
        if (!valid) {
            return acrError(401, "UNAUTHORIZED",
                    "authentication required, visit https://aka.ms/acr/authorization for more information.")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"" + baseUrl() + "/" + segments[1]
                            + "/oauth2/token\",service=\"" + segments[1] + ".azurecr.io\"");
        }
        return Response.json(200, JSON.createObjectNode())
                .withHeader("Docker-Distribution-Api-Version", "registry/2.0");
    }

    /** The user name and password of a {@code Basic} authorization header; empty for anything else. */
    private static Optional<String[]> basic(String authorization) {
        if (!authorization.startsWith("Basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response acrError(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message).putNull("detail");
        return Response.json(status, body);
    }

    private static String name(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }

    /** An official example's 200 response body, from {@code src/test/resources/contracts/}. */
    static JsonNode exampleBody(String resource) {
        try (InputStream in = ContainerRegistryStandIn.class.getResourceAsStream("/contracts/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing contract " + resource);
            }
            return JSON.readTree(in).path("responses").path("200").path("body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Microsoft.ContainerRegistry/registries} as ARM lists, regenerates and reads it. */
    private final class Registries implements ArmKeyedType {

        @Override
        public String resourceType() {
            return "Microsoft.ContainerRegistry/registries";
        }

        @Override
        public List<String> keyNames() {
            return List.of("password", "password2");
        }

        @Override
        public String listAction() {
            return "listCredentials";
        }

        @Override
        public boolean regenerates(String action) {
            return action.equalsIgnoreCase("regenerateCredential");
        }

        @Override
        public Optional<String> keyToRegenerate(Request request, String action) {
            JsonNode body = request.json();
            return body == null ? Optional.empty() : Optional.of(body.path("name").asText(""));
        }

        @Override
        public ObjectNode listBody(String resourceId, Map<String, KeyState> keys) {
            ObjectNode body = JSON.createObjectNode().put("username", username(resourceId));
            ArrayNode passwords = body.putArray("passwords");
            keyNames().forEach(name -> passwords.addObject().put("name", name).put("value", keys.get(name).value()));
            return body;
        }

        @Override
        public Optional<ObjectNode> resourceBody(String resourceId) {
            ObjectNode body = exampleBody("containerregistry/RegistryGet.json").deepCopy();
            String name = name(resourceId);
            body.put("id", resourceId).put("name", name).put("location", "westeurope");
            body.putObject("sku").put("name", "Basic").put("tier", "Basic");
            ((ObjectNode) body.path("properties")).put("loginServer", name.toLowerCase(Locale.ROOT) + ".azurecr.io")
                    .put("adminUserEnabled", adminUserEnabled(resourceId));
            return Optional.of(body);
        }
    }
}
