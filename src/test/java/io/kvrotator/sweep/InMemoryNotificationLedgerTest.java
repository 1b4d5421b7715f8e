package io.kvrotator.sweep;

import io.kvrotator.testing.InMemoryNotificationLedger;

/** The fake the sweep's unit tests use behaves like the blob ledger. */
class InMemoryNotificationLedgerTest extends NotificationLedgerContract {

    private final NotificationLedger ledger = new InMemoryNotificationLedger();

    @Override
    protected NotificationLedger ledger() {
        return ledger;
    }

    @Override
    protected NotificationLedger freshLedger() {
        return new InMemoryNotificationLedger();
    }
}
