package io.kvrotator.provider.storage;

import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;

/** Verifies a key by listing one page of blob containers with it (Shared Key authorization). */
public final class BlobStorageKeyVerifier implements StorageKeyVerifier {

    /** Verification is retried with backoff by the provider; the SDK's own retries (up to 4 s, 8 s, 16 s) would stack. */
    private static final RequestRetryOptions SINGLE_RETRY = new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2,
            Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1), null);

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
                .retryOptions(SINGLE_RETRY)
                .buildClient();
        client.listBlobContainers(new ListBlobContainersOptions().setMaxResultsPerPage(1), Duration.ofSeconds(30))
                .iterableByPage().iterator().next();
    }
}
