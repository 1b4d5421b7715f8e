package io.kvrotator.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ApprovalRequests} does: the blob store in the function app's own storage and the in-process one
 * both pass it.
 */
abstract class ApprovalRequestsContract {

    static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");

    /** An empty store. */
    protected abstract ApprovalRequests requests();

    static ApprovalRequest pending(String reason) {
        return new ApprovalRequest(UUID.randomUUID().toString(), ChangeKind.REVOCATION,
                new SecretRef("kv-dev-app", "API-KEY"), reason,
                new ApprovalRequest.Requester("alice@contoso.com", Set.of("3f2504e0-4f89-11d3-9a0c-0305e82c3301")),
                NOW, NOW.plus(Duration.ofHours(24)), new ApprovalRequest.Change("0123456789abcdef0123456789abcdef",
                "rotate, then invalidate", List.of("key1 of storage account st1", "key2 of storage account st1"),
                List.of("team@contoso.com"), NOW.plus(Duration.ofDays(20))), new Decision.Pending(null));
    }

    @Test
    @DisplayName("a request created is found as it was, every field and its decision")
    void createThenFind() {
        ApprovalRequests requests = requests();
        ApprovalRequest request = pending("key pasted in a ticket");

        requests.create(request);

        assertThat(requests.find(request.id())).get().extracting(ApprovalRequests.Stored::request).isEqualTo(request);
        assertThat(requests.find(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    @DisplayName("a request id is created once")
    void createOnce() {
        ApprovalRequests requests = requests();
        ApprovalRequest request = pending("first");
        requests.create(request);

        assertThatThrownBy(() -> requests.create(request)).isInstanceOf(RuntimeException.class);
    }

    @Test
    @DisplayName("a replace names the version it read: of two replaces from the same read, only the first wins")
    void conditionalReplace() {
        ApprovalRequests requests = requests();
        ApprovalRequest request = pending("key pasted in a ticket");
        requests.create(request);
        ApprovalRequests.Stored read = requests.find(request.id()).orElseThrow();
        ApprovalRequest approving = request.withDecision(new Decision.Approving("bob@contoso.com", NOW));
        ApprovalRequest withdrawn = request.withDecision(new Decision.Withdrawn("alice@contoso.com", NOW));

        var first = requests.replace(approving, read.version());
        var second = requests.replace(withdrawn, read.version());

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        ApprovalRequests.Stored now = requests.find(request.id()).orElseThrow();
        assertThat(now.request()).isEqualTo(approving);
        assertThat(now.version()).isEqualTo(first.get());
        ApprovalRequest completed = approving.withDecision(new Decision.Completed("bob@contoso.com", NOW, "revoked"));
        assertThat(requests.replace(completed, first.get())).isPresent();
        assertThat(requests.find(request.id()).orElseThrow().request().decision())
                .isEqualTo(new Decision.Completed("bob@contoso.com", NOW, "revoked"));
    }

    @Test
    @DisplayName("every request kept is listed; a deleted one is gone")
    void listAndDelete() {
        ApprovalRequests requests = requests();
        assertThat(requests.list()).isEmpty();
        ApprovalRequest first = pending("first");
        ApprovalRequest second = pending("second");
        requests.create(first);
        requests.create(second);

        assertThat(requests.list()).containsExactlyInAnyOrder(first, second);

        requests.delete(first.id());

        assertThat(requests.list()).containsExactly(second);
        assertThat(requests.find(first.id())).isEmpty();
        assertThat(requests.replace(first, "1")).isEmpty();
    }
}
