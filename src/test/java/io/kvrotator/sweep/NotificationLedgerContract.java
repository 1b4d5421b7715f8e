package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationLedger} does; the blob implementation and the in-memory fake both pass it. */
abstract class NotificationLedgerContract {

    private static final Instant EXPIRY = Instant.parse("2026-12-05T07:00:00Z");

    protected abstract NotificationLedger ledger();

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

    private static AlertRecord record(String threshold) {
        return new AlertRecord(Map.of("secret/API-KEY", new AlertRecord.Sent(EXPIRY, List.of("30d", threshold))));
    }
}
