package io.kvrotator.sandbox;

import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A key of a resource addressed by its ARM resource ID, live at a stand-in, held as a raw key (no connection string):
 * what the AI services, Search, Batch and Container Registry fixtures share. Each says how its stand-in accepts a
 * value, which call regenerates, and where the stand-in keeps the keys.
 */
record ArmLiveKey(String credentialType, String resourceId, String resourceGroup, String value, String credentialId,
                  String lyingCredentialId, Predicate<String> acceptor, IntSupplier writes,
                  Predicate<VersionView> holder) implements ProviderFixture.Live {

    /** Calls the ARM stand-in answered whose path starts with the resource's ID and {@code action}. */
    static IntSupplier armCalls(Sandbox sandbox, String resourceId, String action) {
        String prefix = (resourceId + action).toLowerCase(Locale.ROOT);
        return () -> (int) sandbox.arm.calls().stream()
                .filter(call -> call.path().toLowerCase(Locale.ROOT).startsWith(prefix)).count();
    }

    /** Whether a stored version holds one of the keys the stand-in has now. */
    static Predicate<VersionView> holdsOneOf(Supplier<Map<String, KeyState>> keys) {
        return stored -> keys.get().values().stream().anyMatch(key -> key.fingerprint().equals(stored.fingerprint()));
    }

    @Override
    public Map<String, String> tags() {
        return Map.of("CredentialType", credentialType, "CredentialId", credentialId, "ProviderAddress", resourceId);
    }

    @Override
    public ResourceScope scope(String vault) {
        return ProviderFixture.Live.resourceGroupScope(vault, resourceGroup);
    }

    @Override
    public boolean accepts(String candidate) {
        return acceptor.test(candidate);
    }

    @Override
    public int remoteWrites() {
        return writes.getAsInt();
    }

    @Override
    public Predicate<VersionView> holdsAWorkingCredential() {
        return holder;
    }
}
