package io.kvrotator.provider.appregistration;

import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which of kv-rotator's own passwords for one secret may be removed. A version of the secret supersedes every
 * password made before it except the one it holds; a password superseded for longer than the overlap is overdue.
 * Passwords that were never superseded by a known version (one made by a rotation still in flight) are kept.
 */
public final class PasswordRetirement {

    private final Duration overlap;

    public PasswordRetirement(Duration overlap) {
        if (overlap.isNegative() || overlap.isZero()) {
            throw new IllegalArgumentException("the overlap must be positive, so the previous password survives a rotation");
        }
        this.overlap = overlap;
    }

    public Duration overlap() {
        return overlap;
    }

    /**
     * @param passwords       the application's passwords
     * @param inUse           keyIds never to remove: the one the latest version holds, and during a rotation the
     *                        one the previous version holds (its overlap has just begun)
     * @param versionsCreated when known versions of the secret were created
     */
    public List<AppPassword> overdue(Collection<AppPassword> passwords, SecretRef secret, Set<String> inUse,
                                     Collection<Instant> versionsCreated, Instant now) {
        return passwords.stream()
                .filter(password -> PasswordLabel.isFor(password.displayName(), secret))
                .filter(password -> !inUse.contains(password.keyId()))
                .filter(password -> supersededAt(password, versionsCreated)
                        .map(superseded -> !now.isBefore(superseded.plus(overlap))).orElse(false))
                .toList();
    }

    private static Optional<Instant> supersededAt(AppPassword password, Collection<Instant> versionsCreated) {
        if (password.startDateTime() == null) {
            return Optional.empty();
        }
        return versionsCreated.stream().filter(created -> !created.isBefore(password.startDateTime()))
                .min(Instant::compareTo);
    }
}
