package io.kvrotator.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StepTest {

    @Test
    @DisplayName("each step reads as the word that log lines, notices, problem details and ledger keys carry")
    void words() {
        assertThat(Arrays.stream(Step.values()).map(Step::label)).containsExactly("plan", "lock", "rotate", "verify",
                "store", "retire", "revoke", "disable", "retry");
        assertThat(Arrays.stream(Step.values()).map(Step::toString)).containsExactly("plan", "lock", "rotate",
                "verify", "store", "retire", "revoke", "disable", "retry");
    }

    @Test
    @DisplayName("a failure's exception message starts with the step's word")
    void exceptionMessage() {
        assertThat(RotationException.terminal(Step.STORE, "forbidden")).hasMessage("store: forbidden");
    }
}
