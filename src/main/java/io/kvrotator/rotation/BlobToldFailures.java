package io.kvrotator.rotation;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import io.kvrotator.vault.SecretRef;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link ToldFailures} across instances: creating the empty blob {@code failing/{vault}/{secret}/{version}}
 * succeeds exactly once, whichever instance gets there first.
 */
public final class BlobToldFailures implements ToldFailures {

    private final Supplier<BlobContainerClient> container;

    /** @param container the rotation locks' container */
    public BlobToldFailures(Supplier<BlobContainerClient> container) {
        this.container = container;
    }

    @Override
    public boolean firstReport(SecretRef secret, String version) {
        BlobClient blob = container.get().getBlobClient(("failing/" + secret.vault() + "/" + secret.name() + "/"
                + version).toLowerCase(Locale.ROOT));
        try {
            return create(blob);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            container.get().createIfNotExists();
            return create(blob);
        }
    }

    private static boolean create(BlobClient blob) {
        try {
            blob.upload(BinaryData.fromString(""), false);
            return true;
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_ALREADY_EXISTS) {
                return false;
            }
            throw e;
        }
    }
}
