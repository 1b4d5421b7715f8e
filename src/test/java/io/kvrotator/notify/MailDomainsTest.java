package io.kvrotator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailDomainsTest {

    private final MailDomains contoso = new MailDomains(Set.of("contoso.com"));

    @ParameterizedTest(name = "{0} is mailed")
    @ValueSource(strings = {"alice@contoso.com", "Alice.Smith@Contoso.COM", "team@eu.contoso.com",
            "first+tag@mail.eu.contoso.com", " alice@contoso.com "})
    @DisplayName("addresses in an allowed domain or a subdomain of one are mailed, whatever the case of the domain")
    void allowed(String address) {
        assertThat(contoso.allowed(address)).isPresent();
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"mallory@evil.example", "alice@contoso.com.evil.io", "alice@evil.io@contoso.com",
            "\"alice@evil.io\"@contoso.com", "alice@notcontoso.com", "alice@contoso.co", "alice@cont\u03bfso.com",
            "alice@contoso.com\u200b", "<alice@contoso.com>", "alice(evil.io)@contoso.com", "alice@contoso.com.",
            "alice@.contoso.com", "alice@contoso..com", "alice@-contoso.com", "alice contoso.com", "@contoso.com",
            "alice@", "alice@contoso.com,mallory@evil.example", "alice@[127.0.0.1]", "alice@contoso.com\n"
            + "Bcc: mallory@evil.example"})
    @DisplayName("addresses outside the domains, smuggled domains, quoted or bracketed forms and look-alikes are refused")
    void refused(String address) {
        assertThat(contoso.allowed(address)).isEmpty();
    }

    @Test
    @DisplayName("compatibility forms are NFKC-normalised first: a full-width address is the plain one it stands for")
    void normalisedFirst() {
        assertThat(contoso.allowed("\uff41lice\uff20contoso.com")).map(MailAddress::toString).contains("alice@contoso.com");
        assertThat(contoso.allowed("alice@EU.Contoso.com")).map(MailAddress::toString).contains("alice@eu.contoso.com");
    }

    @Test
    @DisplayName("a domain must be ASCII with at least two labels: a top-level domain alone would allow the world")
    void domainProblems() {
        assertThat(MailAddress.domainProblem("contoso.com")).isEmpty();
        assertThat(MailAddress.domainProblem("xn--mnchen-3ya.de")).isEmpty();
        assertThat(MailAddress.domainProblem("com")).hasValueSatisfying(p -> assertThat(p).contains("two labels"));
        assertThat(MailAddress.domainProblem("münchen.de")).hasValueSatisfying(p -> assertThat(p).contains("ASCII"));
        assertThat(MailAddress.domainProblem("contoso_com.net")).isPresent();
        assertThatThrownBy(() -> new MailDomains(Set.of("com"))).hasMessageContaining("'com'");
    }

    @Test
    @DisplayName("no domains allow nobody")
    void emptyAllowsNobody() {
        assertThat(new MailDomains(Set.of()).allowed("alice@contoso.com")).isEmpty();
    }
}
