package io.kvrotator.provider.containerregistry;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmDualKeyService;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.vault.SecretValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A container registry's admin user passwords, {@code password}/{@code password2}: listed and regenerated through
 * ARM, tried on the registry's Docker Registry API with basic authentication. No connection string: consumers hold
 * the user name (the registry's name) and a password.
 */
public final class ContainerRegistryPasswords extends ArmDualKeyService {

    public static final String TYPE = "ContainerRegistryPassword";
    public static final String RESOURCE_TYPE = "Microsoft.ContainerRegistry/registries";
    private static final DualKeys KEYS = new DualKeys("password", "password2");
    /** Registry names: 5 to 50 letters and digits. */
    private static final Pattern REGISTRY_NAME = Pattern.compile("[A-Za-z0-9]{5,50}");

    private final RegistryCredentials credentials;
    private final RegistryPasswordVerifier verifier;
    /** The admin user name ARM last listed per registry, for verification. */
    private final Map<String, String> usernames = new ConcurrentHashMap<>();

    public ContainerRegistryPasswords(RegistryCredentials credentials, RegistryPasswordVerifier verifier) {
        super(TYPE, RESOURCE_TYPE, KEYS, "container registry");
        this.credentials = credentials;
        this.verifier = verifier;
    }

    @Override
    public Optional<ArmResourceId> parse(String providerAddress) {
        return super.parse(providerAddress)
                .filter(registry -> REGISTRY_NAME.matcher(registry.name()).matches());
    }

    @Override
    public Map<String, SecretValue> list(ArmResourceId registry) {
        return remember(registry, credentials.list(registry));
    }

    @Override
    public Optional<SecretValue> regenerate(ArmResourceId registry, String keyName) {
        SecretValue value = remember(registry, credentials.regenerate(registry, keyName)).get(keyName);
        if (value == null) {
            throw RotationException.retryable(Step.ROTATE, "regenerateCredential for container registry "
                    + registry.name() + " returned no " + keyName);
        }
        return Optional.of(value);
    }

    @Override
    public void verify(ArmResourceId registry, SecretValue key) {
        verifier.verify(registry, usernames.getOrDefault(key(registry), registry.name()), key);
    }

    private Map<String, SecretValue> remember(ArmResourceId registry, AdminCredentials listed) {
        if (listed.username() != null && !listed.username().isBlank()) {
            usernames.put(key(registry), listed.username());
        }
        return listed.passwords();
    }

    private static String key(ArmResourceId registry) {
        return registry.resourceId().toLowerCase(Locale.ROOT);
    }
}
