package io.kvrotator.support;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A blob written only while a condition holds ({@code If-Match} a version, {@code If-None-Match: *}): the
 * optimistic concurrency of the records kept in the function app's own storage. The storage SDK sends a write again
 * when its answer is lost (a timeout, a reset, a 5xx); if the first send was applied, the second meets the blob the
 * first wrote and fails its condition, which must not be taken for another writer's blob (rule A: no write is
 * assumed failed without reading back). So each write carries a claim of its own in the blob's metadata, and a write
 * that failed its condition, or whose outcome is unknown, is read back: it was applied when the blob carries its
 * claim.
 */
public final class ConditionalBlobWrite {

    /** The metadata entry naming the write that made the blob's current version. */
    static final String CLAIM = "kvrotatorclaim";

    private ConditionalBlobWrite() {
    }

    /**
     * Writes {@code content} under {@code conditions}.
     *
     * @return the blob's new ETag when this write is what the blob now holds; empty when the condition failed
     * because another writer's blob is there
     * @throws BlobStorageException or whatever the SDK threw, when the write was refused for another reason, or
     *                              its outcome is unknown and the read back does not show it applied
     */
    public static Optional<String> write(BlobClient blob, BinaryData content, BlobRequestConditions conditions) {
        String claim = UUID.randomUUID().toString();
        try {
            return Optional.of(blob.uploadWithResponse(new BlobParallelUploadOptions(content)
                    .setRequestConditions(conditions).setMetadata(Map.of(CLAIM, claim)), null, Context.NONE)
                    .getValue().getETag());
        } catch (BlobStorageException e) {
            int status = e.getStatusCode();
            if (status == 409 || status == 412) {
                return appliedVersion(blob, claim);
            }
            if (status == 408 || status >= 500) {
                return appliedOrThrow(blob, claim, e);
            }
            throw e;
        } catch (RuntimeException e) {
            return appliedOrThrow(blob, claim, e);
        }
    }

    private static Optional<String> appliedOrThrow(BlobClient blob, String claim, RuntimeException error) {
        Optional<String> applied;
        try {
            applied = appliedVersion(blob, claim);
        } catch (RuntimeException readBack) {
            error.addSuppressed(readBack);
            throw error;
        }
        if (applied.isEmpty()) {
            throw error;
        }
        return applied;
    }

    /** The blob's ETag if its current version carries {@code claim}. */
    private static Optional<String> appliedVersion(BlobClient blob, String claim) {
        BlobProperties properties;
        try {
            properties = blob.getPropertiesWithResponse(null, null, Context.NONE).getValue();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> metadata = properties.getMetadata();
        return metadata != null && claim.equals(metadata.get(CLAIM)) ? Optional.of(properties.getETag())
                : Optional.empty();
    }
}
