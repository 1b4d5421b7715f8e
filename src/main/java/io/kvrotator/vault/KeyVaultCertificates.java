package io.kvrotator.vault;

import java.util.List;

/**
 * Lists a vault's certificates (Key Vault REST {@code GET /certificates}) with {@link VaultListing}. We do not use
 * the certificates SDK: the version the Azure SDK BOM pins is not in our Maven mirror, and one list call needs no
 * client of its own. Only list calls: the list carries attributes and tags.
 */
public final class KeyVaultCertificates {

    private final SecretClients vaults;

    public KeyVaultCertificates(SecretClients vaults) {
        this.vaults = vaults;
    }

    public List<ListedCertificate> list(String vault) {
        return vaults.list(vault, VaultCollection.CERTIFICATES).stream()
                .map(item -> new ListedCertificate(vault, item.name(), item.enabled(), item.notBefore(),
                        item.expiresOn(), item.tags()))
                .toList();
    }
}
