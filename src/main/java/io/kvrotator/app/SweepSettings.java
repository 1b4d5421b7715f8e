package io.kvrotator.app;

import io.kvrotator.vault.SecretValue;
import java.util.List;
import java.util.Set;

/**
 * What the daily expiry sweep checks and where it keeps its alert state.
 *
 * @param thresholdDays days before expiry that alert once each, largest first
 * @param schedule      the NCRONTAB expression the Functions host reads from {@code ROTATOR_SWEEP_SCHEDULE}
 */
public record SweepSettings(List<Integer> thresholdDays, String schedule, Applications applications,
                            StateStorage state) {

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

    /**
     * The function app's own storage account, as the Functions host itself is configured: an account reached with
     * the managed identity ({@code AzureWebJobsStorage__accountName}), or a connection string (local development,
     * Azurite). Both null when neither is set.
     */
    public record StateStorage(String blobEndpoint, SecretValue connectionString, String container) {

        public boolean configured() {
            return blobEndpoint != null || connectionString != null;
        }
    }
}
