package io.kvrotator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrincipalNamesTest {

    private static final String ALICE = "alice@contoso.com";

    @ParameterizedTest(name = "{0}")
    @MethodSource("spellingsOfAlice")
    @DisplayName("a name that differs only in invisible characters, compatibility forms or case is the same principal")
    void samePrincipal(String why, String spelling) {
        assertThat(PrincipalNames.same(spelling, ALICE)).isTrue();
        assertThat(PrincipalNames.normalise(spelling)).isEqualTo(ALICE);
    }

    static Stream<Arguments> spellingsOfAlice() {
        return Stream.of(
                Arguments.of("a zero-width space after the name", ALICE + "\u200B"),
                Arguments.of("a zero-width joiner inside the local part", "ali\u200Dce@contoso.com"),
                Arguments.of("a byte-order mark in front", "\uFEFF" + ALICE),
                Arguments.of("a no-break space after the name", ALICE + "\u00A0"),
                Arguments.of("an ideographic space and a tab", "\u3000" + ALICE + "\t"),
                Arguments.of("full-width letters and at sign", "\uFF41\uFF4C\uFF49\uFF43\uFF45\uFF20contoso.com"),
                Arguments.of("upper case", "ALICE@Contoso.COM"),
                Arguments.of("a right-to-left override hiding in the domain", "alice@\u202Econtoso.com"),
                Arguments.of("a soft hyphen", "ali\u00ADce@contoso.com"));
    }

    @Test
    @DisplayName("different principals stay different")
    void differentPrincipals() {
        assertThat(PrincipalNames.same("bob@contoso.com", ALICE)).isFalse();
        assertThat(PrincipalNames.same("alice@contoso.co", ALICE)).isFalse();
        assertThat(PrincipalNames.same("alice.smith@contoso.com", ALICE)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("principalNames")
    @DisplayName("user principal names, email addresses, guest UPNs and object IDs are principal names")
    void wellFormed(String name) {
        assertThat(PrincipalNames.problem(name)).isEmpty();
    }

    static Stream<String> principalNames() {
        return Stream.of(ALICE, "Security-Lead@Contoso.com", "o'brien@contoso.co.uk",
                "alice_fabrikam.com#EXT#@contoso.onmicrosoft.com", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "\uFF41\uFF4C\uFF49\uFF43\uFF45\uFF20contoso.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPrincipalNames")
    @DisplayName("anything else is not a principal name, and the message says what is expected")
    void notWellFormed(String why, String name) {
        assertThat(PrincipalNames.problem(name)).get().asString()
                .contains("is not a principal name: give a user principal name or email address");
    }

    static Stream<Arguments> notPrincipalNames() {
        return Stream.of(
                Arguments.of("a display name", "Alice Smith"),
                Arguments.of("a bare user name", "alice"),
                Arguments.of("the function key holder", "function-key"),
                Arguments.of("no domain suffix", "alice@contoso"),
                Arguments.of("two at signs", "alice@bob@contoso.com"),
                Arguments.of("a Cyrillic letter that looks Latin", "\u0430lice@contoso.com"),
                Arguments.of("an invisible Hangul filler, which is a letter", "alice\u3164@contoso.com"),
                Arguments.of("a GUID one digit short", "3f2504e0-4f89-11d3-9a0c-0305e82c330"),
                Arguments.of("only invisible characters", "\u200B\u200B"));
    }

    @Test
    @DisplayName("the message shows invisible and control characters as ? so that nothing hides in it")
    void messageShowsInvisibleCharacters() {
        assertThat(PrincipalNames.problem("al\u202Eice\u0007")).get().asString().startsWith("'al?ice?'");
    }
}
