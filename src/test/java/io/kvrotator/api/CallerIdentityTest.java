package io.kvrotator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.Principals;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {

    private final LogCapture logs = LogCapture.start();

    @AfterEach
    void stopCapture() {
        logs.close();
    }

    @Test
    @DisplayName("with App Service authentication on, the principal's name and roles are the caller's")
    void trustedWithAuthentication() {
        Optional<Caller> caller = CallerIdentity.from(request(Map.of("X-MS-CLIENT-PRINCIPAL",
                Principals.header("alice@contoso.com", List.of("KvRotator.Operator")))), true);

        assertThat(caller).get().extracting(Caller::name, Caller::roles)
                .containsExactly("alice@contoso.com", Set.of("KvRotator.Operator"));
        assertThat(logs.linesContaining("caller.principal-ignored")).isEmpty();
    }

    @Test
    @DisplayName("the caller is known by every name its claims give it: object ID, UPN, email, however written")
    void aliases() {
        String json = "{\"auth_typ\":\"aad\",\"name_typ\":\"name\",\"role_typ\":\"roles\",\"claims\":["
                + "{\"typ\":\"name\",\"val\":\"Alice Smith\"},"
                + "{\"typ\":\"http://schemas.microsoft.com/identity/claims/objectidentifier\","
                + "\"val\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"},"
                + "{\"typ\":\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn\",\"val\":\"alice@contoso.com\"},"
                + "{\"typ\":\"email\",\"val\":\"alice.smith@contoso.com\"}]}";

        Caller caller = CallerIdentity.from(request(Map.of("X-MS-CLIENT-PRINCIPAL",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))), true).orElseThrow();

        assertThat(caller.name()).isEqualTo("Alice Smith");
        assertThat(caller.isKnownAs("3F2504E0-4F89-11D3-9A0C-0305E82C3301")).isTrue();
        assertThat(caller.isKnownAs("alice@contoso.com\u200B")).isTrue();
        assertThat(caller.isKnownAs("ALICE.SMITH@contoso.com")).isTrue();
        assertThat(caller.isKnownAs("bob@contoso.com")).isFalse();
        assertThat(Caller.FUNCTION_KEY_HOLDER.isKnownAs("function-key")).isTrue();
    }

    @Test
    @DisplayName("with authentication off, a principal claiming a name and role is ignored, with a warning that does not echo it")
    void forgedWithoutAuthentication() {
        String forged = Principals.header("ceo@contoso.com", List.of("KvRotator.Operator"));

        Optional<Caller> caller = CallerIdentity.from(request(Map.of("X-MS-CLIENT-PRINCIPAL", forged,
                "X-MS-CLIENT-PRINCIPAL-NAME", "ceo@contoso.com")), false);

        assertThat(caller).isEmpty();
        assertThat(logs.linesContaining("caller.principal-ignored")).singleElement().asString()
                .contains("WARNING", "WEBSITE_AUTH_ENABLED is not true", "caller=function-key")
                .doesNotContain(forged, "ceo@contoso.com");
    }

    @Test
    @DisplayName("with authentication off, a malformed principal is ignored too rather than refused")
    void malformedWithoutAuthentication() {
        assertThat(CallerIdentity.from(request(Map.of("X-MS-CLIENT-PRINCIPAL", "%%%not-base64%%%")), false)).isEmpty();
    }

    @Test
    @DisplayName("with authentication off and no principal header, nothing is logged")
    void noHeaderNoWarning() {
        assertThat(CallerIdentity.from(request(Map.of()), false)).isEmpty();
        assertThat(logs.linesContaining("caller.principal-ignored")).isEmpty();
    }

    @Test
    @DisplayName("with authentication on, a malformed principal is an error")
    void malformedWithAuthentication() {
        assertThatThrownBy(() -> CallerIdentity.from(request(Map.of("X-MS-CLIENT-PRINCIPAL", "%%%")), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not base64-encoded JSON");
    }

    @Test
    @DisplayName("a policy that requires an identity or a role while authentication is off cannot be built")
    void policyNeedsAuthentication() {
        assertThatThrownBy(() -> new CallerPolicy(false, true, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authentication is off");
        assertThatThrownBy(() -> new CallerPolicy(false, false, "KvRotator.Operator"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CallerPolicy(true, true, " KvRotator.Operator ").requiredRole())
                .isEqualTo("KvRotator.Operator");
    }

    private static ApiRequest request(Map<String, String> headers) {
        return new ApiRequest(Map.of(), Map.of(), headers, null);
    }
}
