package io.kvrotator.vault;

import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.util.Objects;
import java.util.Optional;

/**
 * Names a secret's latest version from its versions list. The secrets list does not carry version IDs, and a
 * sweep-triggered rotation must say which version it saw, so that it cannot rotate again what an event has
 * just rotated.
 */
public final class LatestVersions {

    private final SecretClients clients;

    public LatestVersions(SecretClients clients) {
        this.clients = clients;
    }

    /** The newest version, or empty when the secret has none (deleted since it was listed). */
    public Optional<String> of(SecretRef secret) {
        return clients.forVault(secret.vault()).listPropertiesOfSecretVersions(secret.name()).stream()
                .filter(version -> version.getCreatedOn() != null)
                // created has whole seconds: on a tie the one listed later is the newer
                .reduce((a, b) -> b.getCreatedOn().toInstant().isBefore(a.getCreatedOn().toInstant()) ? a : b)
                .map(SecretProperties::getVersion).filter(Objects::nonNull);
    }
}
