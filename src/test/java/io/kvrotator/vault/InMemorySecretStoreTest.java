package io.kvrotator.vault;

import io.kvrotator.testing.InMemorySecretStore;
import java.util.List;

/** The fake the core's unit tests use behaves like the Key Vault store. */
class InMemorySecretStoreTest extends SecretStoreContract {

    private final InMemorySecretStore store = new InMemorySecretStore(clock);

    @Override
    protected SecretStore store() {
        return store;
    }

    @Override
    protected List<SecretVersion> storedVersions(SecretRef ref) {
        return store.stored(ref).stream().map(InMemorySecretStore.Stored::version).toList();
    }
}
