package io.kvrotator.rotation;

import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretRef;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link RotationLock} that holds within one JVM: enough for one worker, not for a scaled-out app. */
public final class InProcessRotationLock implements RotationLock {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<Lease> tryAcquire(SecretRef secret) {
        String key = secret.toString().toLowerCase(Locale.ROOT);
        if (!held.add(key)) {
            return Optional.empty();
        }
        return Optional.of(new Lease() {
            @Override
            public void confirm(Step step) {
                // Held until closed: nothing in this JVM can take it away.
            }

            @Override
            public void close() {
                held.remove(key);
            }
        });
    }
}
