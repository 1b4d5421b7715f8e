package io.kvrotator.accessreview;

import java.time.Instant;
import java.util.List;

/** The access review of every vault asked for, as of one moment. */
public record AccessReviewReport(Instant asOf, List<VaultReview> vaults) {

    public AccessReviewReport {
        vaults = List.copyOf(vaults);
    }

    public boolean complete() {
        return vaults.stream().allMatch(VaultReview::complete);
    }
}
