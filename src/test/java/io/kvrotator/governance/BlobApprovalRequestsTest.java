package io.kvrotator.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.sandbox.Azurite;
import io.kvrotator.testing.LostStorageAnswers;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

    @Test
    @DisplayName("a request created and then approved, each write's answer lost so that the SDK's resend fails its"
            + " condition: the create stands, and the approval is this caller's, not 'changed meanwhile' (which would"
            + " leave it being carried out by nobody)")
    void lostAnswersAreReadBack() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(2);
        String container = "rotation-locks-" + CONTAINERS.incrementAndGet();
        azurite.client().getBlobContainerClient(container).createIfNotExists();
        ApprovalRequests requests = new BlobApprovalRequests(() -> faults.container(azurite, container));
        ApprovalRequest request = pending("key pasted in a ticket");

        requests.create(request);
        ApprovalRequests.Stored read = requests.find(request.id()).orElseThrow();
        ApprovalRequest approving = request.withDecision(new Decision.Approving("bob@contoso.com", NOW));
        Optional<String> version = requests.replace(approving, read.version());

        assertThat(faults.writes()).as("each sent twice").isEqualTo(4);
        assertThat(version).isPresent();
        assertThat(requests.find(request.id()).orElseThrow()).satisfies(stored -> {
            assertThat(stored.request()).isEqualTo(approving);
            assertThat(stored.version()).isEqualTo(version.get());
        });
    }

    /** A container of its own that does not exist yet: the first create makes it, as in a fresh function app. */
    @Override
    protected ApprovalRequests requests() {
        String container = "rotation-locks-" + CONTAINERS.incrementAndGet();
        return new BlobApprovalRequests(() -> azurite.client().getBlobContainerClient(container));
    }
}
