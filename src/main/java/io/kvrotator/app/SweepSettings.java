package io.kvrotator.app;

import java.util.List;
import java.util.Set;

/**
 * What the daily expiry sweep checks and where it keeps its alert state.
 *
 * @param thresholdDays days before expiry that alert once each, largest first
 * @param schedule       the NCRONTAB expression the Functions host reads from {@code ROTATOR_SWEEP_SCHEDULE}
 * @param stateContainer the blob container, in the function app's own storage, of the alert record
 */
public record SweepSettings(List<Integer> thresholdDays, String schedule, Applications applications,
                            String stateContainer) {

    public SweepSettings {
        thresholdDays = List.copyOf(thresholdDays);
    }

    /** Which app registrations to check: every one the identity can list, or only these object IDs. */
    public record Applications(boolean all, Set<String> objectIds) {

        public Applications {
            objectIds = Set.copyOf(objectIds);
        }

        public boolean none() {
            return !all && objectIds.isEmpty();
        }
    }
}
