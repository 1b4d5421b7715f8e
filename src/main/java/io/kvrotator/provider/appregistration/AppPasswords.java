package io.kvrotator.provider.appregistration;

import io.kvrotator.provider.IssuedCredential;
import java.time.Instant;

/**
 * The port over an application's password credentials (Microsoft Graph {@code addPassword}/{@code removePassword}).
 * Implementations throw the SDK's exceptions unchanged; the rotation core classifies them.
 */
public interface AppPasswords {

    /** The application whose object ID or appId is {@code objectIdOrAppId}, read fresh. */
    AppRegistration find(String objectIdOrAppId);

    /** Adds a password; the issued credential's id is its {@code keyId}, its expiry Graph's {@code endDateTime}. */
    IssuedCredential add(String objectId, String displayName, Instant endDateTime);

    void remove(String objectId, String keyId);
}
