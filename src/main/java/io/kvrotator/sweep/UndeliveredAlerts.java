package io.kvrotator.sweep;

import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Gives back, in the {@link NotificationLedger}, the claims of threshold alerts that no channel delivered (every
 * channel down through its retries), so that the next sweep sends them again instead of counting them sent; their
 * log lines are meanwhile their only record. A claim another sweep has changed since is left as it is.
 */
final class UndeliveredAlerts {

    private static final System.Logger LOG = System.getLogger(UndeliveredAlerts.class.getName());
    private static final int LEDGER_ATTEMPTS = 5;

    private final NotificationLedger ledger;

    UndeliveredAlerts(NotificationLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * @param before  the scope's record before this sweep's claim
     * @param claimed the record this sweep wrote
     * @param keys    the items whose alert was not delivered
     */
    void giveBack(String scope, AlertRecord before, AlertRecord claimed, List<String> keys) {
        try {
            for (int attempt = 1; attempt <= LEDGER_ATTEMPTS; attempt++) {
                NotificationLedger.Versioned stored = ledger.read(scope);
                Map<String, AlertRecord.Sent> items = new TreeMap<>(stored.record().items());
                boolean ours = false;
                for (String key : keys) {
                    if (Objects.equals(items.get(key), claimed.items().get(key))) {
                        ours = true;
                        AlertRecord.Sent previous = before.items().get(key);
                        if (previous == null) {
                            items.remove(key);
                        } else {
                            items.put(key, previous);
                        }
                    }
                }
                if (!ours) {
                    LOG.log(Level.INFO, () -> ("sweep.alerts_undelivered scope=%s items=%d (claimed again since by"
                            + " another sweep)").formatted(scope, keys.size()));
                    return;
                }
                if (ledger.write(scope, new AlertRecord(items), stored.version())) {
                    LOG.log(Level.WARNING, () -> ("sweep.alerts_undelivered scope=%s items=%d (the next sweep sends"
                            + " them again)").formatted(scope, keys.size()));
                    return;
                }
            }
            LOG.log(Level.ERROR, () -> ("sweep.alerts_not_given_back scope=%s items=%d (the alert record kept"
                    + " changing; the digest still lists them)").formatted(scope, keys.size()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> ("sweep.alerts_not_given_back scope=%s items=%d error=%s (the digest still"
                    + " lists them)").formatted(scope, keys.size(), SafeErrorText.of(e)));
        }
    }
}
