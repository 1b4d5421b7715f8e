package io.kvrotator.rotation;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretRef;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link RotationLock} that holds across function instances: a lease on the blob {@code locks/{vault}/{secret}}
 * in the function app's own storage account. The lease is renewed every third of its duration while held, so a
 * crashed holder's lock expires by itself; it is released when the rotation ends.
 */
public final class BlobLeaseRotationLock implements RotationLock {

    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(BlobLeaseRotationLock.class.getName());
    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rotation-lease-renewer");
        thread.setDaemon(true);
        return thread;
    });

    private final Supplier<BlobContainerClient> containers;
    private final Duration lease;
    private volatile BlobContainerClient container;

    public BlobLeaseRotationLock(Supplier<BlobContainerClient> container) {
        this(container, DEFAULT_LEASE);
    }

    /** @param lease 15 to 60 seconds, as Blob storage allows */
    BlobLeaseRotationLock(Supplier<BlobContainerClient> container, Duration lease) {
        this.containers = container;
        this.lease = lease;
    }

    @Override
    public Optional<Lease> tryAcquire(SecretRef secret) {
        BlobClient blob = container().getBlobClient("locks/" + secret.vault().toLowerCase(Locale.ROOT) + "/"
                + secret.name().toLowerCase(Locale.ROOT));
        BlobLeaseClient leaseClient = new BlobLeaseClientBuilder().blobClient(blob).buildClient();
        try {
            acquire(blob, leaseClient);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.LEASE_ALREADY_PRESENT || e.getStatusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
        long renewEvery = lease.toMillis() / 3;
        ScheduledFuture<?> renewal = RENEWER.scheduleAtFixedRate(() -> renew(secret, leaseClient), renewEvery,
                renewEvery, TimeUnit.MILLISECONDS);
        return Optional.of(() -> release(secret, leaseClient, renewal));
    }

    private void acquire(BlobClient blob, BlobLeaseClient leaseClient) {
        try {
            leaseClient.acquireLease((int) lease.toSeconds());
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.BLOB_NOT_FOUND) {
                throw e;
            }
            createQuietly(blob);
            leaseClient.acquireLease((int) lease.toSeconds());
        }
    }

    /** The lock blob is empty; two instances creating it at once is fine. */
    private static void createQuietly(BlobClient blob) {
        try {
            blob.upload(BinaryData.fromString(""), false);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.BLOB_ALREADY_EXISTS
                    && e.getErrorCode() != BlobErrorCode.LEASE_ID_MISSING) {
                throw e;
            }
        }
    }

    private void renew(SecretRef secret, BlobLeaseClient leaseClient) {
        try {
            leaseClient.renewLease();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "lock.renew_failed secret=%s error=%s (the lease expires within %ds)"
                    .formatted(secret, SafeErrorText.of(e), lease.toSeconds()));
        }
    }

    private void release(SecretRef secret, BlobLeaseClient leaseClient, ScheduledFuture<?> renewal) {
        renewal.cancel(false);
        try {
            leaseClient.releaseLease();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "lock.release_failed secret=%s error=%s (the lease expires within %ds)"
                    .formatted(secret, SafeErrorText.of(e), lease.toSeconds()));
        }
    }

    /** Bicep creates the container in Azure; locally (Azurite) the first use creates it. */
    private BlobContainerClient container() {
        BlobContainerClient client = container;
        if (client == null) {
            synchronized (this) {
                if (container == null) {
                    BlobContainerClient created = containers.get();
                    created.createIfNotExists();
                    container = created;
                }
                client = container;
            }
        }
        return client;
    }
}
