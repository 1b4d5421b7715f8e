package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.kvrotator.vault.SecretValue;

/**
 * The function app's own storage account, reached as the Functions host reaches it: with the managed identity
 * ({@code AzureWebJobsStorage__accountName}) in Azure, or a connection string ({@code AzureWebJobsStorage}) locally.
 * It keeps the rotation locks and the alert record. Both null when neither is set.
 */
public record HostStorage(String blobEndpoint, SecretValue connectionString) {

    public boolean configured() {
        return blobEndpoint != null || connectionString != null;
    }

    public BlobContainerClient container(String name, TokenCredential credential, HttpClient httpClient) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(httpClient);
        if (blobEndpoint != null) {
            builder.endpoint(blobEndpoint).credential(credential);
        } else if (connectionString != null) {
            builder.connectionString(connectionString.reveal());
        } else {
            throw new IllegalStateException("the function app's storage is not configured: set "
                    + Setting.HOST_STORAGE_ACCOUNT.key() + " (or " + Setting.HOST_STORAGE.key() + " locally)");
        }
        return builder.buildClient().getBlobContainerClient(name);
    }
}
