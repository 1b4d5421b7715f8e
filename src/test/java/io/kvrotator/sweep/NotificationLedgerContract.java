package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationLedger} does; the blob implementation and the in-memory fake both pass it. */
abstract class NotificationLedgerContract {

    private static final Instant EXPIRY = Instant.parse("2026-12-05T07:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-22");

    protected abstract NotificationLedger ledger();

    /** A ledger with nothing in it: the digest record is one per ledger, not per scope. */
    protected abstract NotificationLedger freshLedger();

    @Test
    @DisplayName("a scope never written reads as an empty record with no version")
    void emptyScope() {
        NotificationLedger.Versioned read = ledger().read("vault-kv-never-written");

        assertThat(read.record().items()).isEmpty();
        assertThat(read.version()).isNull();
    }

    @Test
    @DisplayName("what is written is read back, with the thresholds and expiry it was written with")
    void roundTrip() {
        AlertRecord record = record("14d");

        assertThat(ledger().write("vault-kv-round-trip", record, null)).isTrue();

        NotificationLedger.Versioned read = ledger().read("vault-kv-round-trip");
        assertThat(read.record()).isEqualTo(record);
        assertThat(read.version()).isNotNull();
    }

    @Test
    @DisplayName("a write based on a version someone else has replaced fails, and the other write stands")
    void staleVersionLoses() {
        ledger().write("vault-kv-race", record("30d"), null);
        NotificationLedger.Versioned first = ledger().read("vault-kv-race");
        NotificationLedger.Versioned second = ledger().read("vault-kv-race");

        assertThat(ledger().write("vault-kv-race", record("14d"), first.version())).isTrue();
        assertThat(ledger().write("vault-kv-race", record("7d"), second.version())).isFalse();
        assertThat(ledger().read("vault-kv-race").record()).isEqualTo(record("14d"));
    }

    @Test
    @DisplayName("two sweeps creating the same scope's first record: only one succeeds")
    void firstWriteOnlyOnce() {
        assertThat(ledger().write("vault-kv-first", record("30d"), null)).isTrue();
        assertThat(ledger().write("vault-kv-first", record("14d"), null)).isFalse();
    }

    @Test
    @DisplayName("a ledger without a digest record reads as nobody having had a digest, with no version")
    void noDigestRecord() {
        NotificationLedger fresh = freshLedger();

        NotificationLedger.VersionedDigests read = fresh.readDigests();

        assertThat(read.record()).isEqualTo(DigestRecord.empty());
        assertThat(read.version()).isNull();
        assertThat(read.record().defaultsHadOne(DAY)).isFalse();
    }

    @Test
    @DisplayName("the digest record is read back as written, and kept apart from the alert records")
    void digestRoundTrip() {
        NotificationLedger fresh = freshLedger();
        DigestRecord record = DigestRecord.empty().plus(DAY, true, Set.of("payments-team@contoso.com", "platform"));

        assertThat(fresh.writeDigests(record, null)).isTrue();

        NotificationLedger.VersionedDigests read = fresh.readDigests();
        assertThat(read.record()).isEqualTo(record);
        assertThat(read.record().ownersThatHadOne(DAY)).containsExactlyInAnyOrder("payments-team@contoso.com",
                "platform");
        assertThat(read.record().ownersThatHadOne(DAY.plusDays(1))).isEmpty();
        assertThat(read.version()).isNotNull();
        assertThat(fresh.read("digests").record().items()).isEmpty();
    }

    @Test
    @DisplayName("two sweeps claiming the same day's digest: the one based on a replaced version fails")
    void digestClaimOnlyOnce() {
        NotificationLedger fresh = freshLedger();
        assertThat(fresh.writeDigests(DigestRecord.empty().plus(DAY, true, Set.of()), null)).isTrue();
        assertThat(fresh.writeDigests(DigestRecord.empty().plus(DAY, true, Set.of("late")), null)).isFalse();
        NotificationLedger.VersionedDigests first = fresh.readDigests();
        NotificationLedger.VersionedDigests second = fresh.readDigests();

        assertThat(fresh.writeDigests(first.record().plus(DAY, false, Set.of("a@contoso.com")), first.version()))
                .isTrue();
        assertThat(fresh.writeDigests(second.record().plus(DAY, false, Set.of("b@contoso.com")), second.version()))
                .isFalse();
        assertThat(fresh.readDigests().record().ownersThatHadOne(DAY)).containsExactly("a@contoso.com");
    }

    private static AlertRecord record(String threshold) {
        return new AlertRecord(Map.of("secret/API-KEY", new AlertRecord.Sent(EXPIRY, List.of("30d", threshold))));
    }
}
