package io.kvrotator.event;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobDownloadContentResponse;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import io.kvrotator.support.SafeErrorText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DeadLetterStore} over the blob container the Event Grid subscriptions dead-letter into, in the function app's
 * own storage account. Event Grid names each blob after the subscription and the UTC hour it wrote it; nothing here
 * relies on that: a dead letter's time is its blob's last-modified time. Removal is conditional on the ETag read.
 */
public final class BlobDeadLetterStore implements DeadLetterStore {

    private final Supplier<BlobContainerClient> container;

    /** @param container built on first use: only a replay needs it */
    public BlobDeadLetterStore(Supplier<BlobContainerClient> container) {
        this.container = container;
    }

    @Override
    public List<DeadLetter> list() {
        return call("list the dead letters", () -> {
            BlobContainerClient client = container.get();
            if (!client.exists()) {
                return List.of();
            }
            return client.listBlobs().stream().map(BlobDeadLetterStore::deadLetter).toList();
        });
    }

    @Override
    public Optional<Content> read(DeadLetter deadLetter) {
        return call("read " + deadLetter.name(), () -> {
            try {
                BlobDownloadContentResponse response = container.get().getBlobClient(deadLetter.name())
                        .downloadContentWithResponse(null, null, null, Context.NONE);
                return Optional.of(new Content(new String(response.getValue().toBytes(), StandardCharsets.UTF_8),
                        response.getDeserializedHeaders().getETag()));
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean remove(DeadLetter deadLetter, Content asRead) {
        return call("remove " + deadLetter.name(), () -> {
            try {
                container.get().getBlobClient(deadLetter.name()).deleteWithResponse(null,
                        new BlobRequestConditions().setIfMatch(asRead.version()), null, Context.NONE);
                return true;
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return true;
                }
                if (e.getStatusCode() == 412) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static DeadLetter deadLetter(BlobItem item) {
        return new DeadLetter(item.getName(), item.getProperties().getLastModified().toInstant(),
                item.getProperties().getContentLength() == null ? 0 : item.getProperties().getContentLength());
    }

    /** Whatever the storage SDK (or a missing storage setting) throws becomes {@link Unavailable}, said safely. */
    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw new Unavailable("cannot " + what + " in the dead-letter container: " + SafeErrorText.of(e));
        }
    }
}
