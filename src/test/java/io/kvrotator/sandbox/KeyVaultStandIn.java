package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.vault.SecretValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Key Vault secrets (and certificate list) REST stand-in, spoken to by the real {@code SecretClient}.
 * Vaults are path prefixes ({@code https://127.0.0.1:PORT/{vault}}); object IDs use the real vault host
 * ({@code https://{vault}.vault.azure.net/secrets/{name}/{version}}) because the SDK parses names from them.
 * Requests without the sandbox token get Key Vault's bearer challenge; errors have Key Vault's body shape.
 */
public final class KeyVaultStandIn extends StandIn {

    public static final int MAX_RESULTS = 25;
    private static final Pattern ROUTE = Pattern.compile("/([^/]+)(/secrets|/certificates)(?:/([^/]*))?(?:/([^/]*))?/?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, VaultState> vaults = new ConcurrentHashMap<>();
    private volatile KeyVaultThrottle throttle = KeyVaultThrottle.serviceLimits(300, 4000);
    private volatile WriteListener writeListener = (vault, name, value) -> { };

    /** Told of every secret value written through the REST API, as it is written: for checks of what gets stored. */
    @FunctionalInterface
    public interface WriteListener {
        void written(String vault, String name, String value);
    }

    public void onSecretWritten(WriteListener listener) {
        this.writeListener = listener == null ? (vault, name, value) -> { } : listener;
    }

    public KeyVaultStandIn(SandboxTls tls, Clock clock) {
        super("keyvault", tls);
        this.clock = clock;
    }

    /** The URL template for the {@code ROTATOR_KEYVAULT_URL_TEMPLATE} setting. */
    public String vaultUrlTemplate() {
        return baseUrl() + "/{vault}";
    }

    public void throttle(KeyVaultThrottle throttle) {
        this.throttle = throttle;
    }

    /** How many calls the service limits refused with a 429 so far. */
    public int throttledCalls() {
        return throttle.throttled();
    }

    public void createVault(String vault) {
        vaults.computeIfAbsent(key(vault), v -> new VaultState(vault));
    }

    /**
     * Adds a version as if someone had set it when it became valid (its {@code notBefore}, when that is in the past);
     * returns its version id.
     */
    public synchronized String seedSecret(String vault, String name, String value, Map<String, String> tags,
                                          Instant notBefore, Instant expiresOn) {
        IssuedSecrets.record(value);
        Instant now = clock.instant();
        Instant created = notBefore != null && notBefore.isBefore(now) ? notBefore : now;
        return vault(vault).orElseThrow().secret(name, true).add(value, tags, notBefore, expiresOn, null,
                created).version;
    }

    /** Replaces the tags of a secret's latest version, as anyone allowed to tag it could. */
    public synchronized void retag(String vault, String name, Map<String, String> tags) {
        VersionState latest = vault(vault).orElseThrow().secret(name, false).latest();
        latest.tags = Map.copyOf(tags);
        latest.updated = clock.instant();
    }

    public synchronized void seedCertificate(String vault, String name, Instant notBefore, Instant expiresOn,
                                             Map<String, String> tags) {
        vault(vault).orElseThrow().certificates.put(key(name),
                new CertificateState(name, notBefore, expiresOn, clock.instant(), Map.copyOf(tags)));
    }

    /** The versions of a secret, oldest first; values only as fingerprints. */
    public synchronized List<VersionView> versions(String vault, String name) {
        return vault(vault).flatMap(v -> Optional.ofNullable(v.secrets.get(key(name))))
                .map(secret -> secret.versions.stream().map(VersionState::view).toList())
                .orElse(List.of());
    }

    public synchronized Map<String, List<VersionView>> secrets(String vault) {
        Map<String, List<VersionView>> view = new LinkedHashMap<>();
        vault(vault).ifPresent(v -> v.secrets.values().forEach(secret ->
                view.put(secret.name, secret.versions.stream().map(VersionState::view).toList())));
        return view;
    }

    public synchronized Map<String, CertificateState> certificates(String vault) {
        Map<String, CertificateState> view = new LinkedHashMap<>();
        vault(vault).ifPresent(v -> v.certificates.values().forEach(cert -> view.put(cert.name(), cert)));
        return view;
    }

    public List<String> vaultNames() {
        return vaults.values().stream().map(v -> v.name).sorted().toList();
    }

    @Override
    protected Response handle(Request request) {
        if (!authorized(request)) {
            return Response.json(401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."))
                    .withHeader("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                            + "00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"");
        }
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches()) {
            return Response.json(400, error("BadParameter", "The request URI is not valid: " + request.path()));
        }
        Optional<VaultState> vault = vault(route.group(1));
        if (vault.isEmpty()) {
            return Response.json(404, error("VaultNotFound", "No vault named " + route.group(1)));
        }
        boolean write = !request.method().equals("GET");
        Optional<Response> throttled = throttle.admit(vault.get().name, route.group(2).equals("/secrets") && write);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        synchronized (this) {
            if (route.group(2).equals("/certificates")) {
                return request.method().equals("GET") && route.group(3) == null
                        ? listCertificates(vault.get(), request)
                        : Response.json(405, error("MethodNotAllowed", "only listing certificates is supported"));
            }
            String name = route.group(3);
            String version = route.group(4);
            return switch (request.method()) {
                case "PUT" -> name == null || version != null ? badRoute(request) : setSecret(vault.get(), name, request);
                case "GET" -> name == null ? listSecrets(vault.get(), request)
                        : "versions".equals(version) ? listVersions(vault.get(), name, request)
                        : getSecret(vault.get(), name, version);
                case "PATCH" -> name == null ? badRoute(request) : updateSecret(vault.get(), name, version, request);
                default -> Response.json(405, error("MethodNotAllowed", request.method() + " is not supported"));
            };
        }
    }

    private Response setSecret(VaultState vault, String name, Request request) {
        if (!name.matches("[A-Za-z0-9-]{1,127}")) {
            return Response.json(400, error("BadParameter", "The request URI contains an invalid name: " + name));
        }
        JsonNode body = request.json();
        if (request.oversize() || body == null || !body.path("value").isTextual()) {
            return Response.json(400, error("BadParameter", "Property 'value' is required and must be a string."));
        }
        if (body.path("value").asText().length() > 25 * 1024) {
            return Response.json(400, error("BadParameter", "The secret value exceeds the maximum size."));
        }
        Map<String, String> tags = tags(body.path("tags"));
        if (tags.size() > 15) {
            return Response.json(400, error("BadParameter", "Too many tags: at most 15 are allowed."));
        }
        JsonNode attributes = body.path("attributes");
        String value = body.path("value").asText();
        IssuedSecrets.record(value);
        writeListener.written(vault.name, name, value);
        VersionState created = vault.secret(name, true).add(value, tags, epoch(attributes.path("nbf")),
                epoch(attributes.path("exp")), text(body.path("contentType")), clock.instant());
        if (attributes.has("enabled")) {
            created.enabled = attributes.path("enabled").asBoolean(true);
        }
        return Response.json(200, created.bundle(vault.name, true));
    }

    private Response getSecret(VaultState vault, String name, String version) {
        SecretState secret = vault.secret(name, false);
        Optional<VersionState> found = secret == null ? Optional.empty() : secret.find(version);
        if (found.isEmpty()) {
            return notFound(name, version);
        }
        if (!found.get().enabled) {
            return Response.json(403, error("Forbidden", "Operation get is not allowed on a disabled secret."));
        }
        return Response.json(200, found.get().bundle(vault.name, true));
    }

    private Response updateSecret(VaultState vault, String name, String version, Request request) {
        SecretState secret = vault.secret(name, false);
        Optional<VersionState> found = secret == null ? Optional.empty() : secret.find(version);
        if (found.isEmpty()) {
            return notFound(name, version);
        }
        JsonNode body = request.json();
        if (body == null) {
            return Response.json(400, error("BadParameter", "The request body is not valid JSON."));
        }
        VersionState target = found.get();
        JsonNode attributes = body.path("attributes");
        if (attributes.has("enabled")) {
            target.enabled = attributes.path("enabled").asBoolean();
        }
        if (attributes.has("exp")) {
            target.expiresOn = epoch(attributes.path("exp"));
        }
        if (attributes.has("nbf")) {
            target.notBefore = epoch(attributes.path("nbf"));
        }
        if (body.has("tags")) {
            target.tags = tags(body.path("tags"));
        }
        if (body.has("contentType")) {
            target.contentType = text(body.path("contentType"));
        }
        target.updated = clock.instant();
        return Response.json(200, target.bundle(vault.name, false));
    }

    private Response listSecrets(VaultState vault, Request request) {
        List<SecretState> secrets = vault.secrets.values().stream().filter(secret -> !secret.versions.isEmpty()).toList();
        return page(secrets, secret -> secret.latest().item(vault.name, false), request,
                baseUrl() + "/" + vault.name + "/secrets");
    }

    private Response listVersions(VaultState vault, String name, Request request) {
        SecretState secret = vault.secret(name, false);
        if (secret == null) {
            return notFound(name, null);
        }
        return page(secret.versions, v -> v.item(vault.name, true), request,
                baseUrl() + "/" + vault.name + "/secrets/" + secret.name + "/versions");
    }

    private Response listCertificates(VaultState vault, Request request) {
        return page(List.copyOf(vault.certificates.values()), cert -> {
            ObjectNode item = JSON.createObjectNode();
            item.put("id", "https://" + vault.name + ".vault.azure.net/certificates/" + cert.name());
            item.put("x5t", "fLi3U52HunIVNXubkEnf8tP6Wbo");
            ObjectNode attributes = item.putObject("attributes");
            attributes.put("enabled", true);
            putEpoch(attributes, "nbf", cert.notBefore());
            putEpoch(attributes, "exp", cert.expiresOn());
            putEpoch(attributes, "created", cert.created());
            putEpoch(attributes, "updated", cert.created());
            cert.tags().forEach(item.putObject("tags")::put);
            return item;
        }, request, baseUrl() + "/" + vault.name + "/certificates");
    }

    /**
     * Key Vault pages with {@code maxresults} (at most 25) and an opaque {@code $skiptoken} in {@code nextLink}. Only
     * the page's own entries are rendered, so the last page of a large vault costs what the first does.
     */
    private <T> Response page(List<T> items, Function<T, ObjectNode> render, Request request, String listUrl) {
        int size = MAX_RESULTS;
        if (request.query().containsKey("maxresults")) {
            try {
                size = Integer.parseInt(request.query().get("maxresults"));
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_RESULTS) {
                return Response.json(400, error("BadParameter", "maxresults must be between 1 and 25"));
            }
        }
        int offset = 0;
        String token = request.query().get("$skiptoken");
        if (token != null) {
            try {
                offset = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(token),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Response.json(400, error("BadParameter", "invalid $skiptoken"));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode value = body.putArray("value");
        items.stream().skip(offset).limit(size).map(render).forEach(value::add);
        int next = offset + size;
        if (next < items.size()) {
            String skip = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(next).getBytes(StandardCharsets.UTF_8));
            body.put("nextLink", listUrl + "?api-version=" + URLEncoder.encode(
                    request.query().getOrDefault("api-version", "7.5"), StandardCharsets.UTF_8)
                    + "&$skiptoken=" + skip + "&maxresults=" + size);
        } else {
            body.putNull("nextLink");
        }
        return Response.json(200, body);
    }

    private static Response notFound(String name, String version) {
        return Response.json(404, error("SecretNotFound", "A secret with (name/id) " + name
                + (version == null || version.isEmpty() ? "" : "/" + version) + " was not found in this key vault."
                + " If you recently deleted this secret you may be able to recover it using the correct recovery"
                + " command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"));
    }

    private static Response badRoute(Request request) {
        return Response.json(400, error("BadParameter", "The request URI is not valid: " + request.path()));
    }

    private Optional<VaultState> vault(String name) {
        return Optional.ofNullable(vaults.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> tags(JsonNode node) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            tags.put(tag.getKey(), tag.getValue().asText());
        }
        return tags;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Instant epoch(JsonNode node) {
        return node.isNumber() ? Instant.ofEpochSecond(node.asLong()) : null;
    }

    private static void putEpoch(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.getEpochSecond());
        }
    }

    private static final class VaultState {
        final String name;
        final Map<String, SecretState> secrets = new LinkedHashMap<>();
        final Map<String, CertificateState> certificates = new LinkedHashMap<>();

        VaultState(String name) {
            this.name = name;
        }

        SecretState secret(String name, boolean create) {
            return create ? secrets.computeIfAbsent(key(name), n -> new SecretState(name)) : secrets.get(key(name));
        }
    }

    private static final class SecretState {
        final String name;
        final List<VersionState> versions = new ArrayList<>();

        SecretState(String name) {
            this.name = name;
        }

        VersionState add(String value, Map<String, String> tags, Instant nbf, Instant exp, String contentType,
                         Instant now) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            VersionState version = new VersionState(name, HexFormat.of().formatHex(id), value, tags, nbf, exp,
                    contentType, now);
            versions.add(version);
            return version;
        }

        VersionState latest() {
            return versions.get(versions.size() - 1);
        }

        Optional<VersionState> find(String version) {
            if (version == null || version.isEmpty()) {
                return versions.isEmpty() ? Optional.empty() : Optional.of(latest());
            }
            return versions.stream().filter(v -> v.version.equalsIgnoreCase(version)).findFirst();
        }
    }

    private static final class VersionState {
        final String name;
        final String version;
        final String value;
        final Instant created;
        boolean enabled = true;
        Map<String, String> tags;
        Instant notBefore;
        Instant expiresOn;
        String contentType;
        Instant updated;

        VersionState(String name, String version, String value, Map<String, String> tags, Instant notBefore,
                     Instant expiresOn, String contentType, Instant created) {
            this.name = name;
            this.version = version;
            this.value = value;
            this.tags = Map.copyOf(tags);
            this.notBefore = notBefore;
            this.expiresOn = expiresOn;
            this.contentType = contentType;
            this.created = created;
            this.updated = created;
        }

        ObjectNode item(String vault, boolean withVersion) {
            ObjectNode item = JSON.createObjectNode();
            item.put("id", "https://" + vault + ".vault.azure.net/secrets/" + name + (withVersion ? "/" + version : ""));
            if (contentType != null) {
                item.put("contentType", contentType);
            }
            ObjectNode attributes = item.putObject("attributes");
            attributes.put("enabled", enabled);
            putEpoch(attributes, "nbf", notBefore);
            putEpoch(attributes, "exp", expiresOn);
            putEpoch(attributes, "created", created);
            putEpoch(attributes, "updated", updated);
            attributes.put("recoveryLevel", "Recoverable+Purgeable");
            attributes.put("recoverableDays", 90);
            tags.forEach(item.putObject("tags")::put);
            return item;
        }

        ObjectNode bundle(String vault, boolean withValue) {
            ObjectNode bundle = item(vault, true);
            if (withValue) {
                bundle.put("value", value);
            }
            return bundle;
        }

        VersionView view() {
            return new VersionView(version, SecretValue.fingerprintOf(value), enabled, created, notBefore, expiresOn,
                    contentType, tags);
        }
    }

    /** A version as tests and the state endpoint see it: the value only as its fingerprint. */
    public record VersionView(String version, String fingerprint, boolean enabled, Instant created,
                              Instant notBefore, Instant expiresOn, String contentType, Map<String, String> tags) {
    }

    public record CertificateState(String name, Instant notBefore, Instant expiresOn, Instant created,
                                   Map<String, String> tags) {
    }
}
