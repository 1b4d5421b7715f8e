package io.kvrotator.sweep;

import io.kvrotator.notify.Digest;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * At most one digest per addressee per UTC day. The first digest of a day goes to everyone; a later sweep that day
 * (a manual run, a retried timer) sends one only to owner groups that have not had one, never again to the
 * channels' defaults; new items of addressees already served wait for tomorrow (their threshold alerts go out
 * meanwhile). Addressees are claimed in the {@link NotificationLedger} before the digest is sent, as alerts are.
 */
final class DailyDigests {

    private static final System.Logger LOG = System.getLogger(DailyDigests.class.getName());
    private static final int LEDGER_ATTEMPTS = 5;

    private final NotificationLedger ledger;

    DailyDigests(NotificationLedger ledger) {
        this.ledger = ledger;
    }

    /** The part of {@code digest} still due today, claimed; empty when nobody is due or the claim failed. */
    Optional<Digest> claim(Digest digest) {
        if (digest.entries().isEmpty()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(digest.asOf(), ZoneOffset.UTC);
        try {
            for (int attempt = 1; attempt <= LEDGER_ATTEMPTS; attempt++) {
                NotificationLedger.VersionedDigests stored = ledger.readDigests();
                DigestRecord record = stored.record();
                boolean toDefaults = !record.defaultsHadOne(today);
                Set<String> toOwners = new LinkedHashSet<>(digest.owners());
                toOwners.removeAll(record.ownersThatHadOne(today));
                if (!toDefaults && toOwners.isEmpty()) {
                    LOG.log(Level.INFO, () -> "sweep.digest_skipped day=%s (every addressee had today's digest)"
                            .formatted(today));
                    return Optional.empty();
                }
                if (ledger.writeDigests(record.plus(today, toDefaults, toOwners), stored.version())) {
                    return Optional.of(toDefaults
                            ? new Digest(digest.asOf(), digest.entries(), new Digest.Audience(true, toOwners))
                            : digest.onlyFor(toOwners));
                }
                int tried = attempt;
                LOG.log(Level.INFO, () -> "sweep.digest_ledger_conflict attempt=%d (another sweep wrote first)"
                        .formatted(tried));
            }
            LOG.log(Level.ERROR, "sweep.digest_skipped (the digest record kept changing: another sweep sends it)");
            return Optional.empty();
        } catch (RuntimeException e) {
            // Without the record a duplicate digest beats none: it is the safety net for lost alerts.
            LOG.log(Level.WARNING, () -> "sweep.digest_record_unavailable error=%s (sent without the record)"
                    .formatted(SafeErrorText.of(e)));
            return Optional.of(digest);
        }
    }
}
