package io.kvrotator.sweep;

import io.kvrotator.vault.KeyVaultCertificates;
import io.kvrotator.vault.ListedCertificate;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * A vault's enabled secrets that were not retired, and its enabled certificates, from the two list calls ({@link SecretStore#list} and
 * {@link KeyVaultCertificates}). The secrets that back certificates are not in the secrets list: the certificate
 * itself is listed.
 */
public final class KeyVaultItems implements ItemSource {

    private final String vault;
    private final SecretStore secrets;
    private final KeyVaultCertificates certificates;

    public KeyVaultItems(String vault, SecretStore secrets, KeyVaultCertificates certificates) {
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
        String scope = scope();
        List<ExpiryItem> items = new ArrayList<>();
        for (SecretVersion secret : secrets.list(vault)) {
            // A retired secret (README, Retirement) is neither rotated nor alerted about, even if re-enabled by hand.
            if (secret.enabled() && secret.tag(Tags.RETIRED_AT).isEmpty()) {
                String name = secret.ref().name();
                items.add(new ExpiryItem(scope, ItemKind.SECRET, name, vault, name, secret.expiresOn(),
                        Tags.owners(secret.tags()), secret.tag(Tags.CREDENTIAL_TYPE).orElse(null), secret));
            }
        }
        for (ListedCertificate certificate : certificates.list(vault)) {
            if (certificate.enabled()) {
                items.add(new ExpiryItem(scope, ItemKind.CERTIFICATE, certificate.name(), vault, certificate.name(),
                        certificate.expiresOn(), Tags.owners(certificate.tags()), null, null));
            }
        }
        return items;
    }
}
