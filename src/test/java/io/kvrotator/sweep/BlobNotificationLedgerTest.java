package io.kvrotator.sweep;

import io.kvrotator.sandbox.Azurite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract against Azurite's blob service, through the real storage SDK and its ETag conditions. */
class BlobNotificationLedgerTest extends NotificationLedgerContract {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();
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

    @Override
    protected NotificationLedger freshLedger() {
        return new BlobNotificationLedger(() -> azurite.client()
                .getBlobContainerClient("notification-state-" + CONTAINERS.incrementAndGet()));
    }
}
