package io.kvrotator.provider.containerregistry;

import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;

/** Proves that an admin password is accepted by the registry's data plane. */
public interface RegistryPasswordVerifier {

    /** Returns normally when {@code username}/{@code password} authenticate; throws when they do not. */
    void verify(ArmResourceId registry, String username, SecretValue password);
}
