package io.kvrotator.sweep;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import io.kvrotator.support.BlobRecordJson;
import io.kvrotator.support.ConditionalBlobWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The alert record as one JSON blob per scope ({@code alerts/vault-kv-dev-payments.json}), and the digest record as
 * {@code digests/sent.json}, in the function app's own storage account. The blob's ETag is the version: writes are
 * conditional ({@code If-Match}, or {@code If-None-Match: *} for the first), so a concurrent writer makes the write
 * fail instead of being lost, and a write whose answer was lost is read back ({@link ConditionalBlobWrite}).
 */
public final class BlobNotificationLedger implements NotificationLedger {

    private static final String DIGESTS = "digests/sent.json";

    private final Supplier<BlobContainerClient> containers;
    private volatile BlobContainerClient container;

    /** @param container built on first use: event-driven rotations never need it */
    public BlobNotificationLedger(Supplier<BlobContainerClient> container) {
        this.containers = container;
    }

    @Override
    public Versioned read(String scope) {
        Stored<AlertRecord> stored = read(alerts(scope), AlertRecord.class, "alert record " + scope);
        return new Versioned(stored.value() == null ? AlertRecord.empty() : stored.value(), stored.etag());
    }

    @Override
    public boolean write(String scope, AlertRecord record, String version) {
        return write(alerts(scope), record, version, "the alert record of " + scope);
    }

    @Override
    public VersionedDigests readDigests() {
        Stored<DigestRecord> stored = read(DIGESTS, DigestRecord.class, "digest record");
        return new VersionedDigests(stored.value() == null ? DigestRecord.empty() : stored.value(), stored.etag());
    }

    @Override
    public boolean writeDigests(DigestRecord record, String version) {
        return write(DIGESTS, record, version, "the digest record");
    }

    /** The blob's JSON and ETag; a null value and ETag when it does not exist. */
    private <T> Stored<T> read(String name, Class<T> type, String what) {
        ensureContainer();
        try {
            BlobDownloadContentResponse response = container.getBlobClient(name)
                    .downloadContentWithResponse(null, null, null, null);
            return new Stored<>(BlobRecordJson.mapper().readValue(response.getValue().toBytes(), type),
                    response.getDeserializedHeaders().getETag());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return new Stored<>(null, null);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not valid JSON", e);
        }
    }

    private boolean write(String name, Object value, String version, String what) {
        ensureContainer();
        BlobRequestConditions conditions = version == null
                ? new BlobRequestConditions().setIfNoneMatch("*") : new BlobRequestConditions().setIfMatch(version);
        try {
            BinaryData json = BinaryData.fromBytes(BlobRecordJson.mapper().writeValueAsBytes(value));
            return ConditionalBlobWrite.write(container.getBlobClient(name), json, conditions).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + what, e);
        }
    }

    private static String alerts(String scope) {
        return "alerts/" + scope + ".json";
    }

    private record Stored<T>(T value, String etag) {
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
