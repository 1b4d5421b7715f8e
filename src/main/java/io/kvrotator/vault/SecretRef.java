package io.kvrotator.vault;

/**
 * A secret by vault and name. Both are checked against Key Vault's naming rules on construction, so a
 * {@code SecretRef} can be put into a URL without further escaping.
 */
public record SecretRef(String vault, String name) {

    public SecretRef {
        KeyVaultNames.requireVaultName(vault);
        KeyVaultNames.requireSecretName(name);
    }

    @Override
    public String toString() {
        return vault + "/" + name;
    }
}
