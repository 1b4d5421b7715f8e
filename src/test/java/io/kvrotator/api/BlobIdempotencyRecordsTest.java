package io.kvrotator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import io.kvrotator.sandbox.Azurite;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.LostStorageAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Idempotency claims as blobs in Azurite, through the real storage SDK, its ETag conditions and lost answers. */
class BlobIdempotencyRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private final Azurite azurite = Sandbox.azurite();

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    @DisplayName("the first claim owns the key; a repeat gets the entry, in progress and then with its answer")
    void claimOnce() {
        IdempotencyRecords records = records(azurite.client().getBlobContainerClient(container()));

        assertThat(records.claim("key-1", "POST rotate A", NOW.plus(Duration.ofHours(24)))).isEmpty();
        assertThat(records.claim("key-1", "POST rotate A", NOW.plus(Duration.ofHours(24)))).get()
                .satisfies(entry -> assertThat(entry.response()).isNull());

        records.complete("key-1", new IdempotencyRecords.Entry("POST rotate A", NOW.plus(Duration.ofHours(24)),
                new ApiResponse(200, Map.of(), "{\"outcome\":\"rotated\"}")));

        assertThat(records.claim("key-1", "POST rotate A", NOW.plus(Duration.ofHours(24)))).get()
                .satisfies(entry -> assertThat(entry.response().status()).isEqualTo(200));
    }

    @Test
    @DisplayName("a claim made but its answer lost, so that the SDK's resend finds it there: the caller owns it, and"
            + " does not answer its own request 'in progress' until the claim expires")
    void lostAnswerOfAClaim() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1);
        String container = container();
        IdempotencyRecords records = records(faults.container(azurite, container));

        Optional<IdempotencyRecords.Entry> claimed = records.claim("key-2", "POST rotate B",
                NOW.plus(Duration.ofHours(24)));

        assertThat(faults.writes()).as("sent again by the SDK").isEqualTo(2);
        assertThat(claimed).as("owned").isEmpty();
        assertThat(records(azurite.client().getBlobContainerClient(container))
                .claim("key-2", "POST rotate B", NOW.plus(Duration.ofHours(24)))).as("another caller's repeat")
                .isPresent();
    }

    @Test
    @DisplayName("an expired claim taken over, the answer of the take-over lost: the caller owns it")
    void lostAnswerOfATakeOver() {
        String container = container();
        records(azurite.client().getBlobContainerClient(container)).claim("key-3", "POST rotate C",
                NOW.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(10));
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1).afterAnswering(1);

        Optional<IdempotencyRecords.Entry> claimed = records(faults.container(azurite, container))
                .claim("key-3", "POST rotate C", clock.instant().plus(Duration.ofHours(24)));

        assertThat(faults.writes()).as("the refused claim, the take-over and its resend").isEqualTo(3);
        assertThat(claimed).isEmpty();
    }

    private IdempotencyRecords records(BlobContainerClient container) {
        return new BlobIdempotencyRecords(() -> container, clock);
    }

    private String container() {
        String name = "idempotency-" + UUID.randomUUID();
        azurite.client().getBlobContainerClient(name).createIfNotExists();
        return name;
    }
}
