package io.kvrotator.sweep;

import io.kvrotator.sandbox.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract against Azurite's blob service, through the real storage SDK and its ETag conditions. */
class BlobNotificationLedgerTest extends NotificationLedgerContract {

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

    @Override
    protected NotificationLedger ledger() {
        return ledger;
    }
}
