package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;

/**
 * Remembers which versions already have a failing rotation reported, so that a rotation Event Grid keeps retrying
 * for up to 24 hours tells its owners once, on the first failure, rather than on every redelivery or never.
 */
public interface FailingRotations {

    /** True the first time it is asked about this version (the caller then sends the notice), false after. */
    boolean firstReport(SecretRef secret, String version);
}
