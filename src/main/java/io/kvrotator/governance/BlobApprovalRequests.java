package io.kvrotator.governance;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.kvrotator.support.BlobRecordJson;
import io.kvrotator.support.ConditionalBlobWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ApprovalRequests} as JSON blobs {@code approvals/{id}.json} in the function app's own storage (the rotation
 * locks' container), like the idempotency records and the told failures. The blob's ETag is the version: a create
 * must find no blob, a replace the ETag it read.
 */
public final class BlobApprovalRequests implements ApprovalRequests {

    private static final String PREFIX = "approvals/";

    private final Supplier<BlobContainerClient> container;

    /** @param container the rotation locks' container */
    public BlobApprovalRequests(Supplier<BlobContainerClient> container) {
        this.container = container;
    }

    @Override
    public void create(ApprovalRequest request) {
        Optional<String> created;
        try {
            created = write(request, new BlobRequestConditions().setIfNoneMatch("*"));
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            container.get().createIfNotExists();
            created = write(request, new BlobRequestConditions().setIfNoneMatch("*"));
        }
        if (created.isEmpty()) {
            throw new IllegalStateException("approval request " + request.id() + " already exists");
        }
    }

    @Override
    public Optional<Stored> find(String id) {
        try {
            BlobDownloadContentResponse response = blob(id).downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Stored(read(response.getValue()), response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> replace(ApprovalRequest request, String version) {
        try {
            return write(request, new BlobRequestConditions().setIfMatch(version));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ApprovalRequest> list() {
        List<ApprovalRequest> requests = new ArrayList<>();
        try {
            container.get().listBlobs(new ListBlobsOptions().setPrefix(PREFIX), null).forEach(item ->
                    find(item.getName().substring(PREFIX.length()).replaceFirst("\\.json$", ""))
                            .ifPresent(stored -> requests.add(stored.request())));
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
        }
        return requests;
    }

    @Override
    public void delete(String id) {
        blob(id).deleteIfExists();
    }

    private BlobClient blob(String id) {
        return container.get().getBlobClient(PREFIX + id + ".json");
    }

    /**
     * Uploads the request under {@code conditions}: its new ETag, or empty when another writer's blob failed them (a
     * write whose answer was lost is read back, {@link ConditionalBlobWrite}).
     */
    private Optional<String> write(ApprovalRequest request, BlobRequestConditions conditions) {
        try {
            BinaryData json = BinaryData.fromBytes(BlobRecordJson.mapper().writeValueAsBytes(request));
            return ConditionalBlobWrite.write(blob(request.id()), json, conditions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise approval request " + request.id(), e);
        }
    }

    private static ApprovalRequest read(BinaryData data) {
        try {
            return BlobRecordJson.mapper().readValue(data.toBytes(), ApprovalRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("an approval request is not valid JSON", e);
        }
    }
}
