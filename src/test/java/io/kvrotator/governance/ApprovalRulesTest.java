package io.kvrotator.governance;

import static io.kvrotator.governance.ApprovalRequestsContract.NOW;
import static io.kvrotator.governance.ApprovalRequestsContract.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.api.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who may approve or withdraw a request, and when. */
class ApprovalRulesTest {

    private static final String ROLE = "KvRotator.Approver";
    private static final Caller BOB = new Caller("bob@contoso.com", Set.of(ROLE),
            Set.of("9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b"));
    private static final Caller CAROL = new Caller("carol@contoso.com", Set.of("KvRotator.Operator"), Set.of());

    private final ApprovalRules rules = new ApprovalRules(ROLE);
    private final ApprovalRequest request = pending("key pasted in a ticket");

    @Test
    @DisplayName("a second person with the approver role may approve a pending request")
    void secondPersonApproves() {
        assertThat(rules.toApprove(request, BOB, NOW)).isEmpty();
    }

    @Test
    @DisplayName("the requester may not approve, under her name however written or under another name her object ID"
            + " gives away")
    void samePerson() {
        Caller sameName = new Caller("ALICE@contoso.com\u200B", Set.of(ROLE), Set.of());
        Caller sameObject = new Caller("alice.smith@contoso.com", Set.of(ROLE),
                Set.of("3F2504E0-4F89-11D3-9A0C-0305E82C3301"));

        assertThat(reason(rules.toApprove(request, sameName, NOW))).isEqualTo(Refusal.Reason.SAME_PERSON);
        assertThat(reason(rules.toApprove(request, sameObject, NOW))).isEqualTo(Refusal.Reason.SAME_PERSON);
    }

    @Test
    @DisplayName("someone without the approver role may not approve")
    void roleRequired() {
        assertThat(rules.toApprove(request, CAROL, NOW)).get().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NOT_AN_APPROVER);
            assertThat(refusal.message()).contains("carol@contoso.com does not have the app role " + ROLE);
        });
    }

    @Test
    @DisplayName("an expired, withdrawn or completed request is refused, and so is one being carried out until its"
            + " approval is taken as interrupted")
    void states() {
        Instant expiry = request.expiresAt();
        ApprovalRequest withdrawn = request.withDecision(new Decision.Withdrawn("alice@contoso.com", NOW));
        ApprovalRequest completed = request.withDecision(new Decision.Completed("bob@contoso.com", NOW, "revoked"));
        ApprovalRequest approving = request.withDecision(new Decision.Approving("dave@contoso.com", NOW));

        assertThat(reason(rules.toApprove(request, BOB, expiry))).isEqualTo(Refusal.Reason.EXPIRED);
        assertThat(rules.toApprove(request, BOB, expiry.minusSeconds(1))).isEmpty();
        assertThat(reason(rules.toApprove(withdrawn, BOB, NOW))).isEqualTo(Refusal.Reason.WITHDRAWN);
        assertThat(reason(rules.toApprove(completed, BOB, NOW))).isEqualTo(Refusal.Reason.COMPLETED);
        assertThat(reason(rules.toApprove(approving, BOB, NOW.plus(Duration.ofMinutes(14)))))
                .isEqualTo(Refusal.Reason.IN_PROGRESS);
        assertThat(rules.toApprove(approving, BOB, NOW.plus(ApprovalRules.APPROVING_TIMEOUT))).isEmpty();
    }

    @Test
    @DisplayName("the requester or an approver may withdraw; anyone else may not; nobody withdraws a completed request")
    void withdrawal() {
        Caller alice = new Caller("alice@contoso.com", Set.of(), Set.of());

        assertThat(rules.toWithdraw(request, alice, NOW)).isEmpty();
        assertThat(rules.toWithdraw(request, BOB, NOW)).isEmpty();
        assertThat(reason(rules.toWithdraw(request, CAROL, NOW))).isEqualTo(Refusal.Reason.NOT_REQUESTER_OR_APPROVER);
        assertThat(reason(rules.toWithdraw(request.withDecision(new Decision.Completed("bob@contoso.com", NOW,
                "revoked")), alice, NOW))).isEqualTo(Refusal.Reason.COMPLETED);
    }

    private static Refusal.Reason reason(Optional<Refusal> refusal) {
        return refusal.orElseThrow().reason();
    }
}
