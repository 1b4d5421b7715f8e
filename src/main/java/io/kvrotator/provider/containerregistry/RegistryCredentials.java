package io.kvrotator.provider.containerregistry;

import io.kvrotator.provider.ArmResourceId;

/** The container registry admin credentials management API (ARM). */
public interface RegistryCredentials {

    /**
     * The admin user and its passwords now: ARM {@code listCredentials}. A terminal refusal when the registry's admin
     * user is disabled, since it then has no passwords to rotate.
     */
    AdminCredentials list(ArmResourceId registry);

    /** Regenerates {@code passwordName} ({@code password} or {@code password2}); the credentials after it. */
    AdminCredentials regenerate(ArmResourceId registry, String passwordName);
}
