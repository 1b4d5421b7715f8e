package io.kvrotator.governance;

import java.util.List;
import java.util.Optional;

/**
 * Where approval requests are kept: the function app's own storage, so that any instance can approve what another
 * one recorded. Changes are conditional on the version read, so that two approvals, or an approval and a withdrawal,
 * cannot both win.
 */
public interface ApprovalRequests {

    /** A request with the version a conditional {@link #replace} names. */
    record Stored(ApprovalRequest request, String version) {
    }

    void create(ApprovalRequest request);

    Optional<Stored> find(String id);

    /** Replaces the request if it is still at {@code version}: the new version, or empty when it changed meanwhile. */
    Optional<String> replace(ApprovalRequest request, String version);

    /** Every request kept, in no particular order. */
    List<ApprovalRequest> list();

    void delete(String id);
}
