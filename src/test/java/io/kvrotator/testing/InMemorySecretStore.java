package io.kvrotator.testing;

import io.kvrotator.vault.NewSecretVersion;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.StoredSecret;
import io.kvrotator.vault.Tags;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@link SecretStore} for unit tests of the core. It answers as Key Vault does ({@code SecretStoreContract}):
 * names are case-insensitive, times whole seconds, and the value of a disabled latest version or a missing secret
 * gets the SDK's exception.
 */
public final class InMemorySecretStore implements SecretStore {

    private final Clock clock;
    /** By {@code vault/name} in lower case, in the order the secrets were first written. */
    private final Map<String, List<Stored>> secrets = new LinkedHashMap<>();
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

    /** The versions of a secret, oldest first, disabled ones too. */
    public synchronized List<Stored> stored(SecretRef ref) {
        return List.copyOf(versions(ref));
    }

    @Override
    public synchronized Optional<SecretVersion> latest(SecretRef ref) {
        List<Stored> versions = versions(ref);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1).version());
    }

    @Override
    public synchronized Optional<StoredSecret> read(SecretRef ref, String version) {
        Optional<Stored> found = version == null ? latestShown(ref) : versions(ref).stream()
                .filter(stored -> stored.version().version().equalsIgnoreCase(version))
                .filter(stored -> stored.version().enabled())
                .findFirst();
        return found.map(stored -> new StoredSecret(stored.version(), stored.value()));
    }

    @Override
    public synchronized List<SecretVersion> list(String vault) {
        List<SecretVersion> listed = new ArrayList<>();
        for (List<Stored> versions : secrets.values()) {
            SecretRef first = versions.get(0).version().ref();
            SecretVersion latest = versions.get(versions.size() - 1).version();
            if (first.vault().equalsIgnoreCase(vault)) {
                // Listed under the name it was first written with, whatever case came later, as the stand-in does.
                listed.add(new SecretVersion(first, null, latest.enabled(), latest.createdOn(), latest.notBefore(),
                        latest.expiresOn(), latest.contentType(), latest.tags()));
            }
        }
        return listed;
    }

    @Override
    public synchronized List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags) {
        List<Stored> versions = versions(ref);
        if (versions.isEmpty()) {
            throw notFound(ref);
        }
        List<String> disabled = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            SecretVersion version = versions.get(i).version();
            if (version.enabled() && !version.version().equals(keepVersion)) {
                versions.set(i, new Stored(new SecretVersion(version.ref(), version.version(), false,
                        version.createdOn(), version.notBefore(), version.expiresOn(), version.contentType(),
                        Tags.withRoomFor(version.tags(), tags)),
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
        if (version.tags().size() > Tags.MAX_TAGS) {
            throw HttpErrors.status(400, "Too many tags: at most " + Tags.MAX_TAGS + " are allowed.");
        }
        SecretVersion stored = new SecretVersion(ref, String.format("%032x", counter.incrementAndGet()), true,
                seconds(clock.instant()), seconds(version.notBefore()), seconds(version.expiresOn()),
                version.contentType(), version.tags());
        secrets.computeIfAbsent(key(ref), k -> new ArrayList<>()).add(new Stored(stored, version.value()));
        if (failPuts != null) {
            throw failPuts;
        }
        return stored;
    }

    private List<Stored> versions(SecretRef ref) {
        return secrets.getOrDefault(key(ref), new ArrayList<>());
    }

    /** The latest version, or empty when there is none; a disabled one Key Vault refuses to show. */
    private Optional<Stored> latestShown(SecretRef ref) {
        List<Stored> versions = versions(ref);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        Stored latest = versions.get(versions.size() - 1);
        if (!latest.version().enabled()) {
            throw HttpErrors.status(403, "Operation get is not allowed on a disabled secret.");
        }
        return Optional.of(latest);
    }

    private static RuntimeException notFound(SecretRef ref) {
        return HttpErrors.notFound("A secret with (name/id) " + ref.name() + " was not found in this key vault.");
    }

    private static String key(SecretRef ref) {
        return ref.toString().toLowerCase(Locale.ROOT);
    }

    private static Instant seconds(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.SECONDS);
    }
}
