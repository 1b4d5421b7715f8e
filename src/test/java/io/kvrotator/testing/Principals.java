package io.kvrotator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** The {@code X-MS-CLIENT-PRINCIPAL} header App Service authentication sends for a signed-in user. */
public final class Principals {

    /** The object ID every principal made here carries. */
    public static final String OBJECT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Principals() {
    }

    /** The header's value (base64 JSON) for the user of this preferred user name, with {@link #OBJECT_ID} and roles. */
    public static String header(String name, List<String> roles) {
        return header(name, OBJECT_ID, roles);
    }

    /** The header's value for another user, with an object ID of its own (a second person must not share Alice's). */
    public static String header(String name, String objectId, List<String> roles) {
        ObjectNode principal = JSON.createObjectNode().put("auth_typ", "aad").put("name_typ", "preferred_username")
                .put("role_typ", "roles");
        ArrayNode claims = principal.putArray("claims");
        claims.addObject().put("typ", "preferred_username").put("val", name);
        claims.addObject().put("typ", "http://schemas.microsoft.com/identity/claims/objectidentifier")
                .put("val", objectId);
        roles.forEach(role -> claims.addObject().put("typ", "roles").put("val", role));
        return Base64.getEncoder().encodeToString(principal.toString().getBytes(StandardCharsets.UTF_8));
    }
}
