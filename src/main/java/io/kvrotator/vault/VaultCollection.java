package io.kvrotator.vault;

/** The Key Vault lists the sweep reads, by the path segment Key Vault names them with. */
enum VaultCollection {
    SECRETS("secrets"),
    CERTIFICATES("certificates");

    private final String path;

    VaultCollection(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }
}
