package io.kvrotator.provider.appregistration;

import java.util.List;

/**
 * An application (app registration) with its password credentials.
 *
 * @param objectId the application object's {@code id}, which Graph's password actions address
 * @param appId    the application (client) ID, which a client-credentials token request names
 */
public record AppRegistration(String objectId, String appId, List<AppPassword> passwords) {

    public AppRegistration {
        passwords = List.copyOf(passwords);
    }
}
