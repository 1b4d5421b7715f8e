package io.kvrotator.sweep;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The alert record as one JSON blob per scope ({@code alerts/vault-kv-dev-payments.json}) in the function app's
 * own storage account. The blob's ETag is the version: writes are conditional ({@code If-Match}, or
 * {@code If-None-Match: *} for the first), so a concurrent writer makes the write fail instead of being lost.
 */
public final class BlobNotificationLedger implements NotificationLedger {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Supplier<BlobContainerClient> containers;
    private volatile BlobContainerClient container;

    /** @param container built on first use: event-driven rotations never need it */
    public BlobNotificationLedger(Supplier<BlobContainerClient> container) {
        this.containers = container;
    }

    @Override
    public Versioned read(String scope) {
        ensureContainer();
        try {
            BlobDownloadContentResponse response = blob(scope).downloadContentWithResponse(null, null, null, null);
            return new Versioned(JSON.readValue(response.getValue().toBytes(), AlertRecord.class),
                    response.getDeserializedHeaders().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return new Versioned(AlertRecord.empty(), null);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("alert record " + scope + " is not valid JSON", e);
        }
    }

    @Override
    public boolean write(String scope, AlertRecord record, String version) {
        ensureContainer();
        BlobRequestConditions conditions = version == null
                ? new BlobRequestConditions().setIfNoneMatch("*") : new BlobRequestConditions().setIfMatch(version);
        try {
            blob(scope).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(JSON.writeValueAsBytes(record)))
                    .setRequestConditions(conditions), null, null);
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412 || e.getStatusCode() == 409) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the alert record of " + scope, e);
        }
    }

    private BlobClient blob(String scope) {
        return container.getBlobClient("alerts/" + scope + ".json");
    }

    /** Bicep creates the container in Azure; locally (Azurite) the first use creates it. */
    private synchronized void ensureContainer() {
        if (container == null) {
            BlobContainerClient client = containers.get();
            client.createIfNotExists();
            container = client;
        }
    }
}
