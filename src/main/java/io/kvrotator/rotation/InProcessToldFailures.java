package io.kvrotator.rotation;

import io.kvrotator.vault.SecretRef;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ToldFailures} within one JVM, for a worker without its own storage account. */
public final class InProcessToldFailures implements ToldFailures {

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstReport(SecretRef secret, String version) {
        return reported.add((secret + "/" + version).toLowerCase(Locale.ROOT));
    }
}
