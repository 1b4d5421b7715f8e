package io.kvrotator.sweep;

import io.kvrotator.accessreview.AccessFinding;
import io.kvrotator.accessreview.AccessReview;
import io.kvrotator.accessreview.AccessReviewReport;
import io.kvrotator.accessreview.VaultReview;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access review's part of the daily digest: each finding, with the policy line it breaks, and each part of a
 * vault's review that could not be read, addressed to the vault's owners (its {@code Owner}/{@code NotifyTo} tags;
 * none: the defaults).
 */
final class AccessReviewEntries {

    private static final System.Logger LOG = System.getLogger(AccessReviewEntries.class.getName());

    private AccessReviewEntries() {
    }

    /** Nothing when the review is off (no vault resource IDs) or failed as a whole, which the log then says. */
    static Optional<AccessReviewReport> review(AccessReview review) {
        if (review == null || !review.enabled()) {
            return Optional.empty();
        }
        try {
            return Optional.of(review.reviewAll());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> "sweep.access_review_failed error=%s (the digest and the events go without it)"
                    .formatted(SafeErrorText.of(e)));
            return Optional.empty();
        }
    }

    static List<Digest.Entry> of(AccessReviewReport report) {
        List<Digest.Entry> entries = new ArrayList<>();
        for (VaultReview vault : report.vaults()) {
            for (AccessFinding finding : vault.findings()) {
                entries.add(new Digest.Entry(vault.vault(), finding.subject(), PortalLinks.ACCESS, null,
                        Digest.Status.ACCESS_FINDING, vault.owners(), finding.describe() + " Breaks "
                        + finding.policy().citation() + "."));
            }
            for (String gap : vault.couldNotCheck()) {
                entries.add(new Digest.Entry(vault.vault(), "access review", PortalLinks.ACCESS, null,
                        Digest.Status.ACCESS_NOT_CHECKED, vault.owners(), gap));
            }
        }
        return entries;
    }
}
