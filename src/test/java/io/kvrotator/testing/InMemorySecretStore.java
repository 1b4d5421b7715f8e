package io.kvrotator.testing;

import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake {@link SecretStore} for unit tests of the core. */
public final class InMemorySecretStore implements SecretStore {

    private final Clock clock;
    private final Map<SecretRef, List<Stored>> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private RuntimeException failPuts;
    private boolean applyFailedPuts;

    public InMemorySecretStore(Clock clock) {
        this.clock = clock;
    }

    public record Stored(SecretVersion version, SecretValue value) {
    }

    public synchronized SecretVersion seed(SecretRef ref, Map<String, String> tags, Instant expiresOn) {
        return seed(ref, "seeded-" + counter.incrementAndGet(), tags, expiresOn);
    }

    public synchronized SecretVersion seed(SecretRef ref, String value, Map<String, String> tags, Instant expiresOn) {
        RuntimeException failing = failPuts;
        failPuts = null;
        try {
            return put(ref, new NewSecretVersion(SecretValue.of(value), tags, null, expiresOn, null));
        } finally {
            failPuts = failing;
        }
    }

    public void failPutsWith(RuntimeException error) {
        this.failPuts = error;
    }

    /** Puts fail with {@code error} after the version was stored: Key Vault applied the write, the answer was lost. */
    public void losePutAnswersWith(RuntimeException error) {
        this.failPuts = error;
        this.applyFailedPuts = true;
    }

    public synchronized List<Stored> stored(SecretRef ref) {
        return List.copyOf(secrets.getOrDefault(ref, List.of()));
    }

    @Override
    public synchronized Optional<SecretVersion> latest(SecretRef ref) {
        List<Stored> versions = secrets.getOrDefault(ref, List.of());
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).version());
    }

    @Override
    public synchronized Optional<StoredSecret> read(SecretRef ref, String version) {
        return secrets.getOrDefault(ref, List.of()).stream()
                .filter(stored -> version == null || stored.version().version().equalsIgnoreCase(version))
                .reduce((first, second) -> version == null ? second : first)
                .filter(stored -> stored.version().enabled())
                .map(stored -> new StoredSecret(stored.version(), stored.value()));
    }

    @Override
    public synchronized List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags) {
        List<String> disabled = new ArrayList<>();
        List<Stored> versions = secrets.getOrDefault(ref, new ArrayList<>());
        for (int i = 0; i < versions.size(); i++) {
            SecretVersion version = versions.get(i).version();
            if (version.enabled() && !version.version().equals(keepVersion)) {
                versions.set(i, new Stored(new SecretVersion(ref, version.version(), false, version.createdOn(),
                        version.notBefore(), version.expiresOn(), version.contentType(),
                        io.kvrotator.vault.Tags.withRoomFor(version.tags(), tags)),
                        versions.get(i).value()));
                disabled.add(version.version());
            }
        }
        return disabled;
    }

    @Override
    public synchronized SecretVersion put(SecretRef ref, NewSecretVersion version) {
        if (failPuts != null && !applyFailedPuts) {
            throw failPuts;
        }
        SecretVersion stored = new SecretVersion(ref, String.format("%032x", counter.incrementAndGet()), true,
                clock.instant(), version.notBefore(), version.expiresOn(), version.contentType(), version.tags());
        secrets.computeIfAbsent(ref, r -> new ArrayList<>()).add(new Stored(stored, version.value()));
        if (failPuts != null) {
            throw failPuts;
        }
        return stored;
    }
}
