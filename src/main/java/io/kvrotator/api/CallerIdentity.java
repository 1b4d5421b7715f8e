package io.kvrotator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the caller from App Service authentication's {@code X-MS-CLIENT-PRINCIPAL} header (base64 JSON with
 * {@code claims}, {@code name_typ}, {@code role_typ}). App Service strips that header from incoming requests and
 * sets it itself only when authentication is on ({@code WEBSITE_AUTH_ENABLED}); otherwise whoever holds a function
 * key can send any name and role in it, so it is then ignored.
 */
public final class CallerIdentity {

    static final String PRINCIPAL_HEADER = "X-MS-CLIENT-PRINCIPAL";
    static final String PRINCIPAL_NAME_HEADER = "X-MS-CLIENT-PRINCIPAL-NAME";

    /** Claims that name the principal: object ID, UPN, preferred user name, email (short and long forms). */
    private static final Set<String> IDENTIFYING_CLAIMS = Set.of("oid", "upn", "preferred_username", "email",
            "http://schemas.microsoft.com/identity/claims/objectidentifier",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name");

    private static final System.Logger LOG = System.getLogger(CallerIdentity.class.getName());

    private CallerIdentity() {
    }

    /**
     * The caller, empty when no principal was sent or when {@code platformAuthentication} is off (then a principal
     * header that was sent anyway is logged, never echoed, and ignored); throws {@link IllegalArgumentException}
     * for a malformed principal from the platform.
     */
    public static Optional<Caller> from(ApiRequest request, boolean platformAuthentication) {
        if (!platformAuthentication) {
            if (request.header(PRINCIPAL_HEADER).isPresent() || request.header(PRINCIPAL_NAME_HEADER).isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "caller.principal-ignored header=" + PRINCIPAL_HEADER
                        + " why=\"App Service authentication is off (WEBSITE_AUTH_ENABLED is not true), so the header"
                        + " did not come from the platform\" caller=" + Caller.FUNCTION_KEY_HOLDER.name());
            }
            return Optional.empty();
        }
        Optional<String> encoded = request.header(PRINCIPAL_HEADER);
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        JsonNode principal;
        try {
            principal = ApiJson.parse(new String(Base64.getDecoder().decode(encoded.get().trim()), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException(PRINCIPAL_HEADER + " is not base64-encoded JSON");
        }
        String nameType = principal.path("name_typ").asText("name");
        String roleType = principal.path("role_typ").asText("roles");
        String name = request.header(PRINCIPAL_NAME_HEADER).orElse(null);
        Set<String> roles = new HashSet<>();
        Set<String> aliases = new HashSet<>();
        for (JsonNode claim : principal.path("claims")) {
            String type = claim.path("typ").asText();
            String value = claim.path("val").asText();
            if (type.equals(roleType)) {
                roles.add(value);
            } else if (name == null && type.equals(nameType)) {
                name = value;
            }
            if (IDENTIFYING_CLAIMS.contains(type) && !value.isBlank() && value.length() <= 200) {
                aliases.add(value);
            }
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException(PRINCIPAL_HEADER + " names no caller");
        }
        return Optional.of(new Caller(name.replaceAll("\\p{Cntrl}", "?"), roles, aliases));
    }
}
