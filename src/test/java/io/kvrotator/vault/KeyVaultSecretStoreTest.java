package io.kvrotator.vault;

import io.kvrotator.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The contract against the sandbox's Key Vault stand-in, through the real {@code SecretClient}. */
class KeyVaultSecretStoreTest extends SecretStoreContract {

    private Sandbox sandbox;
    private SecretStore store;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(clock);
        sandbox.keyVault.createVault(VAULT);
        sandbox.keyVault.createVault(OTHER_VAULT);
        store = new KeyVaultSecretStore(sandbox.secretClients());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Override
    protected SecretStore store() {
        return store;
    }

    @Override
    protected List<SecretVersion> storedVersions(SecretRef ref) {
        return sandbox.keyVault.versions(ref.vault(), ref.name()).stream()
                .map(version -> new SecretVersion(ref, version.version(), version.enabled(), version.created(),
                        version.notBefore(), version.expiresOn(), version.contentType(), version.tags()))
                .toList();
    }
}
