package io.kvrotator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.sandbox.Azurite;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.LostStorageAnswers;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outbox's outage marker in Azurite, through the real storage SDK. */
class BlobEventOutboxTest {

    private final Azurite azurite = Sandbox.azurite();

    @Test
    @DisplayName("exactly one instance is first of an outage, and one again after it is over")
    void firstOfOutageOnce() {
        String container = "outbox-" + UUID.randomUUID();
        EventOutbox one = new BlobEventOutbox(() -> azurite.client().getBlobContainerClient(container));
        EventOutbox other = new BlobEventOutbox(() -> azurite.client().getBlobContainerClient(container));

        assertThat(one.firstOfOutage()).isTrue();
        assertThat(other.firstOfOutage()).isFalse();
        assertThat(one.firstOfOutage()).isFalse();

        other.outageOver();

        assertThat(other.firstOfOutage()).isTrue();
    }

    @Test
    @DisplayName("the outage marker made but its answer lost, so that the SDK's resend finds it there: still the"
            + " first, and the operators are told")
    void lostAnswerIsReadBack() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1);
        String container = "outbox-" + UUID.randomUUID();
        azurite.client().getBlobContainerClient(container).createIfNotExists();
        EventOutbox outbox = new BlobEventOutbox(() -> faults.container(azurite, container));

        assertThat(outbox.firstOfOutage()).isTrue();

        assertThat(faults.writes()).as("sent again by the SDK").isEqualTo(2);
        assertThat(new BlobEventOutbox(() -> azurite.client().getBlobContainerClient(container)).firstOfOutage())
                .as("another instance after it").isFalse();
    }
}
