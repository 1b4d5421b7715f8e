package io.kvrotator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The leak check's search: every issued value is found wherever it sits in a text, and nothing else is. */
class IssuedSecretsTest {

    private static final String SHORT = "issued-secrets-test-value-0001";
    private static final String LONG = "issued-secrets-test-value-0002-with-a-longer-tail";
    private static final String SAME_LENGTH = "issued-secrets-test-value-0003";

    @Test
    @DisplayName("values of different lengths are found at the start, in the middle and at the end of a text")
    void findsEveryValue() {
        IssuedSecrets.record(SHORT);
        IssuedSecrets.record(LONG);
        IssuedSecrets.record(SAME_LENGTH);

        assertThat(IssuedSecrets.foundIn(SHORT + " and then " + LONG)).containsExactlyInAnyOrder(SHORT, LONG);
        assertThat(IssuedSecrets.foundIn("{\"sig\":\"" + SAME_LENGTH + "\"}")).containsExactly(SAME_LENGTH);
        assertThat(IssuedSecrets.foundIn("x".repeat(10_000) + SHORT)).containsExactly(SHORT);
        assertThat(IssuedSecrets.foundIn(SHORT)).containsExactly(SHORT);
    }

    @Test
    @DisplayName("a text holding only part of a value, or nothing like it, leaks nothing")
    void findsNothingElse() {
        IssuedSecrets.record(SHORT);

        assertThat(IssuedSecrets.foundIn(SHORT.substring(1))).isEmpty();
        assertThat(IssuedSecrets.foundIn(SHORT.substring(0, SHORT.length() - 1) + "X")).isEmpty();
        assertThat(IssuedSecrets.foundIn("")).isEmpty();
        assertThat(IssuedSecrets.foundIn("rotation.rotated secret=kv-dev-payments/PAYMENTS-STORAGE-KEY")).isEmpty();
    }
}
