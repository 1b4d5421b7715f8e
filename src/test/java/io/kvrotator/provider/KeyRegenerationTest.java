package io.kvrotator.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rule A's read-back over a service whose answers and listings the test decides. */
class KeyRegenerationTest {

    private static final SecretValue OLD = SecretValue.of("key2-before-the-regenerate");
    private static final SecretValue NEW = SecretValue.of("key2-after-the-regenerate");

    /** What the regenerate answers, given the key it regenerates, and whether it changes the listed key. */
    enum Answer {
        WITH_THE_KEY, WITHOUT_A_KEY
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Answer.class)
    @DisplayName("a regenerate answered but listed unchanged afterwards (not applied yet, or a stale listing) fails"
            + " retryably and is not sent again: the key before it is not handed on as new")
    void answeredButUnchanged(Answer answer) {
        Service service = new Service(answer, key -> key);

        for (Step step : new Step[] {Step.ROTATE, Step.REVOKE}) {
            assertThatThrownBy(() -> new KeyRegeneration<>(service).regenerate("account", "key2", OLD, step))
                    .isInstanceOfSatisfying(RotationException.class, e -> {
                        assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
                        assertThat(e.failure().step()).isEqualTo(step);
                        assertThat(e.failure().message()).contains("key2 of account 'account' is listed unchanged"
                                + " after its regenerate was answered");
                    });
        }
        assertThat(service.regenerates).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Answer.class)
    @DisplayName("a regenerate answered and listed changed hands on the listed key")
    void answeredAndChanged(Answer answer) {
        Service service = new Service(answer, key -> NEW);

        assertThat(new KeyRegeneration<>(service).regenerate("account", "key2", OLD, Step.ROTATE)).isEqualTo(NEW);
        assertThat(service.regenerates).isEqualTo(1);
    }

    @Test
    @DisplayName("a key answered but listed as yet another value is not handed on")
    void answeredOtherThanListed() {
        Service service = new Service(Answer.WITH_THE_KEY, key -> NEW);
        service.listedAfter = SecretValue.of("key2-regenerated-once-more");

        assertThatThrownBy(() -> new KeyRegeneration<>(service).regenerate("account", "key2", OLD, Step.ROTATE))
                .isInstanceOfSatisfying(RotationException.class, e -> assertThat(e.failure().message())
                        .contains("is not the value the regenerate answered"));
    }

    /** One resource, "account", with key1 and key2. */
    private static final class Service implements DualKeyService<String> {

        private final Answer answer;
        private final UnaryOperator<SecretValue> regenerated;
        private final Map<String, SecretValue> keys = new HashMap<>(Map.of("key1", SecretValue.of("key1"),
                "key2", OLD));
        private SecretValue listedAfter;
        private int regenerates;

        Service(Answer answer, UnaryOperator<SecretValue> regenerated) {
            this.answer = answer;
            this.regenerated = regenerated;
        }

        @Override
        public Optional<SecretValue> regenerate(String resource, String keyName) {
            regenerates++;
            keys.put(keyName, regenerated.apply(keys.get(keyName)));
            return answer == Answer.WITH_THE_KEY ? Optional.of(keys.get(keyName)) : Optional.empty();
        }

        @Override
        public Map<String, SecretValue> list(String resource) {
            Map<String, SecretValue> listed = new HashMap<>(keys);
            if (listedAfter != null) {
                listed.put("key2", listedAfter);
            }
            return listed;
        }

        @Override
        public String credentialType() {
            return "TestKey";
        }

        @Override
        public DualKeys keyNames() {
            return new DualKeys("key1", "key2");
        }

        @Override
        public String addressFormat() {
            return "a name";
        }

        @Override
        public Optional<String> parse(String providerAddress) {
            return Optional.of(providerAddress);
        }

        @Override
        public String resourceId(String resource) {
            return "/subscriptions/0/resourceGroups/rg/providers/Test/accounts/" + resource;
        }

        @Override
        public String describe(String resource) {
            return "account '" + resource + "'";
        }

        @Override
        public void verify(String resource, SecretValue key) {
        }
    }
}
