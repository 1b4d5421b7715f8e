package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.vault.SecretValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Microsoft Graph v1.0 stand-in for what kv-rotator uses: applications with their password and key
 * credentials (get by object ID or {@code applications(appId='...')}, list with {@code @odata.nextLink} paging, both
 * honouring {@code $select}; {@code addPassword}, {@code removePassword}), {@code sendMail} and users
 * ({@link GraphUsers}). Spoken to by the
 * real Graph SDK at {@code https://127.0.0.1:PORT/v1.0}. The password actions' request bodies are recorded.
 */
public final class GraphStandIn extends StandIn {

    public static final int PAGE_SIZE = 100;
    private static final Pattern APPLICATION = Pattern.compile(
            "/v1\\.0/applications(?:/([0-9a-fA-F-]{36})|\\(appId='([0-9a-fA-F-]{36})'\\))(?:/(addPassword|removePassword))?");
    private static final Pattern SEND_MAIL = Pattern.compile("/v1\\.0/users/([^/]+)/sendMail");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, ApplicationState> applications = new LinkedHashMap<>();
    private final List<SentMail> sentMail = new CopyOnWriteArrayList<>();
    private final List<PasswordAction> passwordActions = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> addedThroughApi = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final GraphUsers users = new GraphUsers();

    public GraphStandIn(SandboxTls tls, Clock clock) {
        super("graph", tls);
        this.clock = clock;
    }

    /** The base URL for the Graph SDK's request adapter ({@code setBaseUrl}). */
    public String graphBaseUrl() {
        return baseUrl() + "/v1.0";
    }

    /** Creates an application; returns its object id. */
    public synchronized String createApplication(String displayName, String appId) {
        String objectId = UUID.randomUUID().toString();
        applications.put(objectId, new ApplicationState(objectId, appId, displayName, clock.instant()));
        return objectId;
    }

    /** Adds a password as if someone had made it in the portal; returns it (value for seeding a secret). */
    public synchronized PasswordState addPassword(String objectId, String displayName, Instant start, Instant end) {
        return application(objectId).orElseThrow().add(displayName, start, end);
    }

    public synchronized void addKeyCredential(String objectId, String displayName, Instant start, Instant end) {
        application(objectId).orElseThrow().keyCredentials.add(new KeyCredentialState(UUID.randomUUID().toString(),
                displayName, start, end));
    }

    public synchronized List<PasswordState> passwords(String objectId) {
        return application(objectId).map(app -> List.copyOf(app.passwords)).orElse(List.of());
    }

    public synchronized Optional<String> appIdOf(String objectId) {
        return application(objectId).map(app -> app.appId);
    }

    /** The application whose current password {@code secret} is, and how old that password is: for the token stand-in. */
    synchronized Optional<PasswordState> passwordFor(String appId, String secret) {
        return applications.values().stream().filter(app -> app.appId.equalsIgnoreCase(appId))
                .flatMap(app -> app.passwords.stream()).filter(p -> p.value().equals(secret)).findFirst();
    }

    /** Whether the password was made through {@code addPassword} (a new one, which Entra may not accept yet). */
    boolean addedThroughApi(PasswordState password) {
        return addedThroughApi.contains(password.keyId());
    }

    public synchronized Map<String, ApplicationView> applications() {
        Map<String, ApplicationView> view = new LinkedHashMap<>();
        applications.values().forEach(app -> view.put(app.objectId, new ApplicationView(app.objectId, app.appId,
                app.displayName, List.copyOf(app.passwords), List.copyOf(app.keyCredentials))));
        return view;
    }

    /** The directory's users, for {@code GET /users/{id}}. */
    public GraphUsers users() {
        return users;
    }

    public List<SentMail> sentMail() {
        return List.copyOf(sentMail);
    }

    /** Every addPassword and removePassword request as the SDK sent it, oldest first. */
    public List<PasswordAction> passwordActions() {
        return List.copyOf(passwordActions);
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    protected Response handle(Request request) {
        if (!authorized(request)) {
            return graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        Matcher mail = SEND_MAIL.matcher(request.path());
        if (mail.matches() && request.method().equals("POST")) {
            JsonNode body = request.json();
            if (body == null || field(body, "message").isEmpty()) {
                return graphError(400, "ErrorInvalidRequest", "The message is missing.");
            }
            Transcript.record("email", request.bodyText());
            sentMail.add(new SentMail(java.net.URLDecoder.decode(mail.group(1), java.nio.charset.StandardCharsets.UTF_8),
                    body));
            return Response.empty(202);
        }
        Optional<Response> user = users.answer(request);
        if (user.isPresent()) {
            return user.get();
        }
        if (request.path().equals("/v1.0/applications") && request.method().equals("GET")) {
            return listApplications(request);
        }
        Matcher route = APPLICATION.matcher(request.path());
        if (!route.matches()) {
            return graphError(400, "BadRequest", "Resource not found for the segment '" + request.path() + "'.");
        }
        synchronized (this) {
            Optional<ApplicationState> found = route.group(1) != null ? application(route.group(1))
                    : applications.values().stream().filter(app -> app.appId.equalsIgnoreCase(route.group(2))).findFirst();
            if (found.isEmpty()) {
                return graphError(404, "Request_ResourceNotFound", "Resource '" + (route.group(1) != null
                        ? route.group(1) : route.group(2)) + "' does not exist or one of its queried reference-property"
                        + " objects are not present.");
            }
            ApplicationState app = found.get();
            String action = route.group(3);
            if (action == null && request.method().equals("GET")) {
                ObjectNode body = app.json();
                body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#applications/$entity");
                return Response.json(200, selected(body, request));
            }
            if (action != null && request.method().equals("POST")) {
                passwordActions.add(new PasswordAction(action, app.objectId, request.json()));
            }
            if ("addPassword".equals(action) && request.method().equals("POST")) {
                JsonNode credential = request.json() == null ? null
                        : field(request.json(), "passwordCredential").orElse(null);
                if (credential == null) {
                    return graphError(400, "Request_BadRequest", "passwordCredential is required.");
                }
                Instant start = field(credential, "startDateTime").map(n -> Instant.parse(n.asText())).orElse(clock.instant());
                Instant end = field(credential, "endDateTime").map(n -> Instant.parse(n.asText()))
                        .orElse(start.plus(Duration.ofDays(730)));
                PasswordState added = app.add(field(credential, "displayName").map(JsonNode::asText).orElse(null), start, end);
                addedThroughApi.add(added.keyId());
                ObjectNode body = added.json();
                body.put("secretText", added.value());
                return Response.json(200, body);
            }
            if ("removePassword".equals(action) && request.method().equals("POST")) {
                String keyId = request.json() == null ? "" : field(request.json(), "keyId").map(JsonNode::asText).orElse("");
                if (!app.passwords.removeIf(p -> p.keyId().equalsIgnoreCase(keyId))) {
                    return graphError(400, "Request_BadRequest", "No password credential found with keyId " + keyId + ".");
                }
                return Response.empty(204);
            }
            return graphError(405, "Request_BadRequest", request.method() + " is not supported on " + request.path());
        }
    }

    private synchronized Response listApplications(Request request) {
        int top = PAGE_SIZE;
        if (request.query().containsKey("$top")) {
            top = Math.max(1, Math.min(999, Integer.parseInt(request.query().get("$top"))));
        }
        int skip = request.query().containsKey("$skiptoken")
                ? Integer.parseInt(new String(Base64.getUrlDecoder().decode(request.query().get("$skiptoken")))) : 0;
        List<ApplicationState> all = new ArrayList<>(applications.values());
        ObjectNode body = JSON.createObjectNode();
        body.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#applications");
        ArrayNode value = body.putArray("value");
        all.stream().skip(skip).limit(top).forEach(app -> value.add(selected(app.json(), request)));
        if (skip + top < all.size()) {
            StringBuilder next = new StringBuilder(graphBaseUrl() + "/applications?$top=" + top + "&$skiptoken="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(skip + top).getBytes()));
            if (request.query().containsKey("$select")) {
                next.append("&$select=").append(request.query().get("$select"));
            }
            body.put("@odata.nextLink", next.toString());
        }
        return Response.json(200, body);
    }

    /** Graph answers only the properties named in {@code $select} (and the OData annotations). */
    private static ObjectNode selected(ObjectNode entity, Request request) {
        String select = request.query().get("$select");
        if (select == null || select.isBlank()) {
            return entity;
        }
        List<String> names = List.of(select.split(","));
        entity.retain(entity.properties().stream().map(Map.Entry::getKey)
                .filter(name -> name.startsWith("@odata.") || names.stream().anyMatch(name::equalsIgnoreCase))
                .toList());
        return entity;
    }

    private Optional<ApplicationState> application(String objectId) {
        return Optional.ofNullable(applications.get(objectId.toLowerCase(Locale.ROOT)));
    }

    /** Graph matches property names case-insensitively (the SDK's generated sendMail body names them in PascalCase). */
    private static Optional<JsonNode> field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isNull()) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private Response graphError(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("code", code).put("message", message);
        error.putObject("innerError").put("date", clock.instant().toString())
                .put("request-id", UUID.randomUUID().toString()).put("client-request-id", UUID.randomUUID().toString());
        return Response.json(status, body);
    }

    private final class ApplicationState {
        final String objectId;
        final String appId;
        final String displayName;
        final Instant created;
        final List<PasswordState> passwords = new ArrayList<>();
        final List<KeyCredentialState> keyCredentials = new ArrayList<>();

        ApplicationState(String objectId, String appId, String displayName, Instant created) {
            this.objectId = objectId;
            this.appId = appId;
            this.displayName = displayName;
            this.created = created;
        }

        PasswordState add(String name, Instant start, Instant end) {
            byte[] random = new byte[30];
            RANDOM.nextBytes(random);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('-', '~');
            IssuedSecrets.record(value);
            PasswordState password = new PasswordState(UUID.randomUUID().toString(), name, value.substring(0, 3),
                    value, start, end, clock.instant());
            passwords.add(password);
            return password;
        }

        /** The full v1.0 representation of a plain single-tenant app: unset properties are null or empty. */
        ObjectNode json() {
            ObjectNode app = JSON.createObjectNode();
            app.put("id", objectId).putNull("deletedDateTime").putNull("isFallbackPublicClient").put("appId", appId)
                    .putNull("applicationTemplateId");
            app.putArray("identifierUris");
            app.put("createdDateTime", created.toString()).putNull("disabledByMicrosoftStatus")
                    .put("displayName", displayName).putNull("isDeviceOnlyAuthSupported")
                    .putNull("groupMembershipClaims").putNull("optionalClaims");
            app.putArray("addIns");
            app.put("publisherDomain", "contoso.onmicrosoft.com").putNull("samlMetadataUrl")
                    .put("signInAudience", "AzureADMyOrg");
            app.putObject("verifiedPublisher").putNull("displayName").putNull("verifiedPublisherId")
                    .putNull("addedDateTime");
            app.putNull("certification");
            app.putArray("tags");
            app.putNull("tokenEncryptionKeyId");
            ObjectNode api = app.putObject("api").putNull("requestedAccessTokenVersion").putNull("acceptMappedClaims");
            api.putArray("knownClientApplications");
            api.putArray("oauth2PermissionScopes");
            api.putArray("preAuthorizedApplications");
            app.putArray("appRoles");
            app.putObject("publicClient").putArray("redirectUris");
            app.putObject("info").putNull("termsOfServiceUrl").putNull("supportUrl").putNull("privacyStatementUrl")
                    .putNull("marketingUrl").putNull("logoUrl");
            ArrayNode keyList = app.putArray("keyCredentials");
            keyCredentials.forEach(k -> keyList.addObject().put("keyId", k.keyId()).put("displayName", k.displayName())
                    .put("startDateTime", k.startDateTime().toString()).put("endDateTime", k.endDateTime().toString())
                    .put("type", "AsymmetricX509Cert").put("usage", "Verify").putNull("customKeyIdentifier"));
            ObjectNode parental = app.putObject("parentalControlSettings");
            parental.putArray("countriesBlockedForMinors");
            parental.put("legalAgeGroupRule", "Allow");
            ArrayNode passwordList = app.putArray("passwordCredentials");
            passwords.forEach(p -> passwordList.add(p.json()));
            app.putArray("requiredResourceAccess");
            ObjectNode web = app.putObject("web");
            web.putArray("redirectUris");
            web.putNull("homePageUrl").putNull("logoutUrl");
            web.putObject("implicitGrantSettings").put("enableIdTokenIssuance", false)
                    .put("enableAccessTokenIssuance", false);
            return app;
        }
    }

    /** A password credential; {@code value} is for the stand-ins' own checks, tests compare fingerprints. */
    public record PasswordState(String keyId, String displayName, String hint, String value, Instant startDateTime,
                                Instant endDateTime, Instant createdAt) {

        public String fingerprint() {
            return SecretValue.fingerprintOf(value);
        }

        ObjectNode json() {
            ObjectNode node = JSON.createObjectNode();
            node.putNull("customKeyIdentifier");
            if (displayName == null) {
                node.putNull("displayName");
            } else {
                node.put("displayName", displayName);
            }
            node.put("endDateTime", endDateTime.toString()).put("hint", hint).put("keyId", keyId);
            node.putNull("secretText");
            node.put("startDateTime", startDateTime.toString());
            return node;
        }

        @Override
        public String toString() {
            return "PasswordState[keyId=" + keyId + ", displayName=" + displayName + ", fingerprint=" + fingerprint()
                    + ", start=" + startDateTime + ", end=" + endDateTime + "]";
        }
    }

    public record KeyCredentialState(String keyId, String displayName, Instant startDateTime, Instant endDateTime) {
    }

    public record ApplicationView(String objectId, String appId, String displayName, List<PasswordState> passwords,
                                  List<KeyCredentialState> keyCredentials) {
    }

    /** An {@code addPassword} or {@code removePassword} request as the SDK sent it (neither carries a secret). */
    public record PasswordAction(String action, String objectId, JsonNode body) {
    }

    /** A sendMail request as the app sent it (its top-level keys found in any case, as Graph does). */
    public record SentMail(String sender, JsonNode body) {

        public JsonNode message() {
            return field(body, "message").orElse(JSON.createObjectNode());
        }

        public String subject() {
            return message().path("subject").asText();
        }

        public List<String> to() {
            return addresses(message().path("toRecipients"));
        }

        public List<String> cc() {
            return addresses(message().path("ccRecipients"));
        }

        private static List<String> addresses(JsonNode recipients) {
            List<String> addresses = new ArrayList<>();
            recipients.forEach(recipient -> addresses.add(recipient.path("emailAddress").path("address").asText()));
            return addresses;
        }
    }
}
