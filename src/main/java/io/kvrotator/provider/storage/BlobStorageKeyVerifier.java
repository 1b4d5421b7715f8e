package io.kvrotator.provider.storage;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;

/** Verifies a key by listing one page of blob containers with it (Shared Key authorization). */
public final class BlobStorageKeyVerifier implements StorageKeyVerifier {

    private final String blobEndpointTemplate;
    private final HttpClient httpClient;

    /** @param blobEndpointTemplate e.g. {@code https://{account}.blob.core.windows.net} */
    public BlobStorageKeyVerifier(String blobEndpointTemplate, HttpClient httpClient) {
        if (!blobEndpointTemplate.contains("{account}")) {
            throw new IllegalArgumentException("blob endpoint template must contain {account}: "
                    + blobEndpointTemplate);
        }
        this.blobEndpointTemplate = blobEndpointTemplate;
        this.httpClient = httpClient;
    }

    @Override
    public void verify(StorageAccountId account, SecretValue key) {
        BlobServiceClient client = new BlobServiceClientBuilder()
                .endpoint(blobEndpointTemplate.replace("{account}", account.accountName()))
                .credential(new StorageSharedKeyCredential(account.accountName(), key.reveal()))
                .httpClient(httpClient)
                .buildClient();
        client.listBlobContainers(new ListBlobContainersOptions().setMaxResultsPerPage(1), Duration.ofSeconds(30))
                .iterableByPage().iterator().next();
    }
}
