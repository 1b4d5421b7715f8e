package io.kvrotator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.kvrotator.testing.LogCapture;
import io.kvrotator.testing.SampleNotices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NoticeDispatcherTest {

    private final List<Duration> waits = new ArrayList<>();

    @Test
    @DisplayName("a channel that keeps failing is tried a bounded number of times, with doubling waits")
    void boundedRetries() {
        FakeChannel teams = new FakeChannel("teams", Integer.MAX_VALUE, true);

        dispatcher(teams).publish(SampleNotices.expired());

        assertThat(teams.attempts).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    @DisplayName("a channel that recovers on the second attempt delivers normally, with no fallback")
    void recovers() {
        FakeChannel teams = new FakeChannel("teams", 1, true);
        FakeChannel email = new FakeChannel("email", 0, true);

        dispatcher(teams, email).publish(SampleNotices.expired());

        assertThat(teams.delivered).containsExactly("send");
        assertThat(email.delivered).containsExactly("send");
    }

    @Test
    @DisplayName("a 4xx is not retried: the notice goes straight to the next channel as a fallback")
    void terminalFailureFallsBack() {
        FakeChannel teams = new FakeChannel("teams", Integer.MAX_VALUE, false);
        FakeChannel email = new FakeChannel("email", 0, true);

        dispatcher(teams, email).publish(SampleNotices.expired());

        assertThat(teams.attempts).isEqualTo(1);
        assertThat(email.delivered).containsExactly("insteadOf[teams]");
    }

    @Test
    @DisplayName("when a later channel fails, the earlier one that delivered also carries it as a fallback")
    void laterFailureFallsBackToEarlierChannel() {
        FakeChannel teams = new FakeChannel("teams", 0, true);
        FakeChannel email = new FakeChannel("email", Integer.MAX_VALUE, true);

        dispatcher(teams, email).publish(SampleNotices.expired());

        assertThat(teams.delivered).containsExactly("send", "insteadOf[email]");
    }

    @Test
    @DisplayName("an unexpected exception from a channel never reaches the caller: it is retried, then logged")
    void neverThrows() {
        List<String> calls = new ArrayList<>();
        Notifier broken = new Notifier() {
            @Override
            public String channel() {
                return "broken";
            }

            @Override
            public void send(Message message, List<String> failedChannels) {
                calls.add("send" + failedChannels);
                throw new IllegalStateException("bug");
            }
        };

        try (LogCapture logs = LogCapture.start()) {
            assertThatCode(() -> dispatcher(broken).publish(SampleNotices.digest())).doesNotThrowAnyException();

            assertThat(calls).containsExactly("send[]", "send[]", "send[]");
            assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(logs.linesContaining("notice.channel_failed channel=broken attempts=3")).singleElement()
                    .asString().contains("error=IllegalStateException: bug");
            assertThat(logs.linesContaining("notice.undelivered channels=broken")).hasSize(1);
        }
    }

    @Test
    @DisplayName("publish says whether the notice reached anyone: false only when every configured channel failed")
    void saysWhetherDelivered() {
        assertThat(dispatcher(new FakeChannel("teams", Integer.MAX_VALUE, true),
                new FakeChannel("email", Integer.MAX_VALUE, false)).publish(SampleNotices.expired())).isFalse();
        assertThat(dispatcher(new FakeChannel("teams", Integer.MAX_VALUE, true), new FakeChannel("email", 0, true))
                .publish(SampleNotices.expired())).isTrue();
        assertThat(dispatcher().publish(SampleNotices.expired())).as("no channel configured: logged only").isTrue();
    }

    private NoticeDispatcher dispatcher(Notifier... channels) {
        return new NoticeDispatcher(List.of(channels), 3, Duration.ofMillis(100), waits::add);
    }

    private static final class FakeChannel implements Notifier {
        private final String name;
        private final boolean retryable;
        private int failuresLeft;
        private int attempts;
        private final List<String> delivered = new ArrayList<>();

        FakeChannel(String name, int failures, boolean retryable) {
            this.name = name;
            this.failuresLeft = failures;
            this.retryable = retryable;
        }

        @Override
        public String channel() {
            return name;
        }

        @Override
        public void send(Message message, List<String> failedChannels) {
            deliver(failedChannels.isEmpty() ? "send" : "insteadOf" + failedChannels);
        }

        private void deliver(String how) {
            attempts++;
            if (failuresLeft-- > 0) {
                throw new ChannelException(name + " answered HTTP " + (retryable ? 503 : 400), retryable);
            }
            delivered.add(how);
        }
    }
}
