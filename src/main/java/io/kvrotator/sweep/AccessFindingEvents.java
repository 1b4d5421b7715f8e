package io.kvrotator.sweep;

import io.kvrotator.accessreview.AccessFinding;
import io.kvrotator.accessreview.AccessReviewReport;
import io.kvrotator.accessreview.Reader;
import io.kvrotator.accessreview.VaultReview;
import io.kvrotator.publish.AccessFindingEvent;
import java.util.ArrayList;
import java.util.List;

/** The access review's findings as events for machines, one per finding, as of the review. */
final class AccessFindingEvents {

    private AccessFindingEvents() {
    }

    static List<AccessFindingEvent> of(AccessReviewReport report) {
        List<AccessFindingEvent> events = new ArrayList<>();
        for (VaultReview vault : report.vaults()) {
            for (AccessFinding finding : vault.findings()) {
                AccessFindingEvent.RoleHolder holder = finding instanceof AccessFinding.AboutReader about
                        ? holder(about.reader()) : null;
                events.add(new AccessFindingEvent(vault.vault(), report.asOf(), finding.kind(), holder,
                        finding.policy().clause(), finding.policy().citation(), finding.describe()));
            }
        }
        return events;
    }

    private static AccessFindingEvent.RoleHolder holder(Reader reader) {
        return new AccessFindingEvent.RoleHolder(reader.holder().principalId(), reader.holder().kind().label(),
                reader.roleName(), reader.scope(), reader.access().label());
    }
}
