package io.kvrotator.provider.storage;

import io.kvrotator.provider.ConnectionStrings;
import io.kvrotator.vault.SecretValue;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Storage connection strings as the portal shows them: {@code DefaultEndpointsProtocol=https;AccountName=..;
 * AccountKey=..;EndpointSuffix=core.windows.net}, or with an explicit {@code BlobEndpoint} when the blob endpoint
 * does not follow the cloud's pattern (a local stand-in).
 */
final class StorageConnectionStrings implements ConnectionStrings<StorageAccountId> {

    private static final Pattern STANDARD = Pattern.compile("https://\\{account}\\.blob\\.([a-z0-9.-]+)/?");

    private final String blobEndpointTemplate;

    StorageConnectionStrings(String blobEndpointTemplate) {
        this.blobEndpointTemplate = blobEndpointTemplate;
    }

    @Override
    public SecretValue build(StorageAccountId account, String keyName, SecretValue key) {
        Matcher standard = STANDARD.matcher(blobEndpointTemplate);
        String endpoint = standard.matches() ? "EndpointSuffix=" + standard.group(1)
                : "BlobEndpoint=" + blobEndpointTemplate.replace("{account}", account.accountName());
        return SecretValue.of("DefaultEndpointsProtocol=https;AccountName=" + account.accountName() + ";AccountKey="
                + key.reveal() + ";" + endpoint);
    }

    @Override
    public Optional<SecretValue> key(SecretValue connectionString) {
        return ConnectionStrings.part(connectionString, ";", "AccountKey");
    }
}
