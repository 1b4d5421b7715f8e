package io.kvrotator.provider.appregistration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.vault.SecretRef;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordLabelTest {

    private static final SecretRef SECRET = new SecretRef("kv-dev-payments", "PAYMENTS-API-CLIENT-SECRET");

    @Test
    @DisplayName("names kv-rotator, the vault and secret, and the time to the second")
    void format() {
        assertThat(PasswordLabel.of(SECRET, Instant.parse("2026-11-22T07:01:02.345Z")))
                .isEqualTo("kv-rotator:kv-dev-payments/PAYMENTS-API-CLIENT-SECRET 2026-11-22T07:01:02Z");
    }

    @Test
    @DisplayName("recognises its own label in any casing, since Key Vault names are case-insensitive")
    void recognisesItsOwn() {
        assertThat(PasswordLabel.isFor("KV-ROTATOR:KV-DEV-PAYMENTS/payments-api-client-secret 2026-11-22T07:01:02Z",
                SECRET)).isTrue();
    }

    @Test
    @DisplayName("does not claim other passwords: no label, another secret, or a secret whose name starts the same")
    void leavesOthersAlone() {
        assertThat(PasswordLabel.isFor(null, SECRET)).isFalse();
        assertThat(PasswordLabel.isFor("PAYMENTS-API-CLIENT-SECRET", SECRET)).isFalse();
        assertThat(PasswordLabel.isFor("kv-rotator:kv-prd-payments/PAYMENTS-API-CLIENT-SECRET 2026-11-22T07:01:02Z",
                SECRET)).isFalse();
        assertThat(PasswordLabel.isFor("kv-rotator:kv-dev-payments/PAYMENTS-API-CLIENT-SECRET-OLD 2026-11-22T07:01:02Z",
                SECRET)).isFalse();
    }
}
