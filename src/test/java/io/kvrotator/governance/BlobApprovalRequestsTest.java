package io.kvrotator.governance;

import io.kvrotator.sandbox.Azurite;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store against Azurite's blob service, through the real storage SDK and its ETag conditions. */
class BlobApprovalRequestsTest extends ApprovalRequestsContract {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();
    private static Azurite azurite;

    @BeforeAll
    static void start() {
        azurite = Azurite.start();
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    /** A container of its own that does not exist yet: the first create makes it, as in a fresh function app. */
    @Override
    protected ApprovalRequests requests() {
        String container = "rotation-locks-" + CONTAINERS.incrementAndGet();
        return new BlobApprovalRequests(() -> azurite.client().getBlobContainerClient(container));
    }
}
