package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;

/**
 * Remembers which failures of which versions were already told, so that a rotation Event Grid keeps retrying for up
 * to 24 hours, or the daily sweep keeps finding refused, tells its owners once rather than on every attempt or never.
 */
public interface ToldFailures {

    /**
     * True the first time it is asked about this failure (the caller then sends the notice), false after.
     *
     * @param failure the version and the kind of failure, e.g. {@code {version}/retryable}
     */
    boolean firstReport(SecretRef secret, String failure);
}
