package io.kvrotator.sweep;

import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.kvrotator.vault.KeyVaultCertificates;
import io.kvrotator.vault.KeyVaultSecretStore;
import io.kvrotator.vault.ListedCertificate;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretClients;
import io.kvrotator.vault.Tags;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A vault's enabled secrets and certificates, from the two list calls (paged by the SDK and
 * {@link KeyVaultCertificates}). The secrets that back certificates ({@code managed}) are left out: the
 * certificate itself is listed.
 */
public final class KeyVaultItems implements ItemSource {

    private final String vault;
    private final SecretClients secrets;
    private final KeyVaultCertificates certificates;

    public KeyVaultItems(String vault, SecretClients secrets, KeyVaultCertificates certificates) {
        this.vault = vault;
        this.secrets = secrets;
        this.certificates = certificates;
    }

    @Override
    public String scope() {
        return "vault-" + vault;
    }

    @Override
    public List<ExpiryItem> list() {
        List<ExpiryItem> items = new ArrayList<>();
        for (SecretProperties secret : secrets.forVault(vault).listPropertiesOfSecrets()) {
            if (Boolean.FALSE.equals(secret.isEnabled()) || Boolean.TRUE.equals(secret.isManaged())) {
                continue;
            }
            String credentialType = secret.getTags() == null ? null : secret.getTags().get(Tags.CREDENTIAL_TYPE);
            items.add(new ExpiryItem(scope(), ItemKind.SECRET, secret.getName(), vault, secret.getName(),
                    instant(secret.getExpiresOn()), Tags.owners(secret.getTags()),
                    credentialType == null || credentialType.isBlank() ? null : credentialType.trim(),
                    KeyVaultSecretStore.toVersion(new SecretRef(vault, secret.getName()), secret)));
        }
        for (ListedCertificate certificate : certificates.list(vault)) {
            if (certificate.enabled()) {
                items.add(new ExpiryItem(scope(), ItemKind.CERTIFICATE, certificate.name(), vault, certificate.name(),
                        certificate.expiresOn(), Tags.owners(certificate.tags()), null, null));
            }
        }
        return items;
    }

    private static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
