package io.kvrotator.governance;

/** The in-process store, for local runs without a storage account of the app's own. */
class InProcessApprovalRequestsTest extends ApprovalRequestsContract {

    @Override
    protected ApprovalRequests requests() {
        return new InProcessApprovalRequests();
    }
}
