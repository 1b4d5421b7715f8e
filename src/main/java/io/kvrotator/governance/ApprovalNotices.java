package io.kvrotator.governance;

import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;

/** What the two-person flow tells the secret's owners and the approvers, from the request alone. */
final class ApprovalNotices {

    private ApprovalNotices() {
    }

    static Notice requested(ApprovalRequest request, String approverRole) {
        ApprovalRequest.Change change = request.change();
        String kind = request.kind().label();
        String stops = change.stopsWorking().isEmpty() ? "nothing at the provider"
                : String.join("; ", change.stopsWorking());
        return new Notice(NoticeKind.APPROVAL_REQUESTED, Severity.WARNING, request.secret().vault(),
                request.secret().name(), "secret", change.secretExpiresOn(), change.notified(),
                capitalised(kind) + " requested by " + request.requester().name() + ": a second person must approve",
                "Reason: " + request.reason() + ". On approval: " + change.summary() + ". What will stop working: "
                        + stops + ". To approve (someone other than " + request.requester().name() + ", with the app"
                        + " role " + approverRole + "): POST /api/revocations/" + request.id() + "/approve; to"
                        + " withdraw: DELETE /api/revocations/" + request.id() + ". The request expires at "
                        + request.expiresAt() + ".");
    }

    static Notice withdrawn(ApprovalRequest request, String withdrawnBy) {
        return new Notice(NoticeKind.APPROVAL_WITHDRAWN, Severity.INFO, request.secret().vault(),
                request.secret().name(), "secret", request.change().secretExpiresOn(), request.change().notified(),
                capitalised(request.kind().label()) + " withdrawn by " + withdrawnBy,
                "Request " + request.id() + " by " + request.requester().name() + " (reason: " + request.reason()
                        + ") was withdrawn before anyone approved it: nothing was changed.");
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
