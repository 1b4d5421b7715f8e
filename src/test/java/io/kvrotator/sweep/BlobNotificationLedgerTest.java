package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.sandbox.Azurite;
import io.kvrotator.testing.LostStorageAnswers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The ledger contract against Azurite's blob service, through the real storage SDK and its ETag conditions. */
class BlobNotificationLedgerTest extends NotificationLedgerContract {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();
    private static final Instant EXPIRY = Instant.parse("2026-12-05T07:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-22");
    private static Azurite azurite;
    private static NotificationLedger ledger;

    @BeforeAll
    static void start() {
        azurite = Azurite.start();
        ledger = new BlobNotificationLedger(() -> azurite.client().getBlobContainerClient("notification-state"));
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    @Test
    @DisplayName("a record written but its answer lost, so that the SDK's resend fails its condition, is reported"
            + " written, not taken for another sweep's (whose alerts would then never go out)")
    void lostAnswerIsReadBack() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(2);
        NotificationLedger lossy = new BlobNotificationLedger(() -> faults.container(azurite,
                "notification-state-" + CONTAINERS.incrementAndGet()));
        AlertRecord first = new AlertRecord(Map.of("secret/API-KEY", new AlertRecord.Sent(EXPIRY, List.of("30d"))));
        AlertRecord second = new AlertRecord(Map.of("secret/API-KEY", new AlertRecord.Sent(EXPIRY,
                List.of("30d", "14d"))));

        assertThat(lossy.write("vault-kv-lossy", first, null)).as("first record, If-None-Match").isTrue();
        assertThat(lossy.write("vault-kv-lossy", second, lossy.read("vault-kv-lossy").version()))
                .as("next record, If-Match").isTrue();

        assertThat(faults.writes()).as("each sent twice").isEqualTo(4);
        assertThat(lossy.read("vault-kv-lossy").record()).isEqualTo(second);
    }

    @Test
    @DisplayName("the digest record written but its answer lost is reported written")
    void lostDigestAnswerIsReadBack() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1);
        NotificationLedger lossy = new BlobNotificationLedger(() -> faults.container(azurite,
                "notification-state-" + CONTAINERS.incrementAndGet()));
        DigestRecord record = DigestRecord.empty().plus(DAY, true, Set.of("team@contoso.com"));

        assertThat(lossy.writeDigests(record, null)).isTrue();

        assertThat(lossy.readDigests().record()).isEqualTo(record);
    }

    @Override
    protected NotificationLedger ledger() {
        return ledger;
    }

    @Override
    protected NotificationLedger freshLedger() {
        return new BlobNotificationLedger(() -> azurite.client()
                .getBlobContainerClient("notification-state-" + CONTAINERS.incrementAndGet()));
    }
}
