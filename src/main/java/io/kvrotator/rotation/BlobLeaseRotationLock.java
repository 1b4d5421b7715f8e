package io.kvrotator.rotation;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.specialized.BlobLeaseClient;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.DaemonThreads;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretRef;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link RotationLock} that holds across function instances: a lease on the blob {@code locks/{vault}/{secret}}
 * in the function app's own storage account. Each lease is renewed every third of its duration on its own thread,
 * with a timeout of a quarter of its duration, so one slow renewal cannot let another lease expire, nor its own; a
 * crashed holder's lock expires by itself. A lease whose last successful renewal is older than its duration less a
 * margin no longer counts as held ({@link Lease#confirm}).
 */
public final class BlobLeaseRotationLock implements RotationLock {

    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(BlobLeaseRotationLock.class.getName());
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("rotation-lease-scheduler"));
    private static final ExecutorService RENEWALS = Executors.newCachedThreadPool(
            DaemonThreads.named("rotation-lease-renewal"));

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
        long sentAt = System.nanoTime();
        try {
            acquire(blob, leaseClient);
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.LEASE_ALREADY_PRESENT || e.getStatusCode() == 409) {
                return Optional.empty();
            }
            throw e;
        }
        HeldLease held = new HeldLease(secret, leaseClient, sentAt);
        long renewEvery = lease.toMillis() / 3;
        held.renewal = SCHEDULER.scheduleAtFixedRate(() -> RENEWALS.execute(held::renew), renewEvery, renewEvery,
                TimeUnit.MILLISECONDS);
        return Optional.of(held);
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

    /** One held lease with its own renewal state. */
    private final class HeldLease implements Lease {
        private final SecretRef secret;
        private final BlobLeaseClient client;
        private final AtomicBoolean renewing = new AtomicBoolean();
        /** When the last acquire or renewal that succeeded was sent: the lease runs at least until then + duration. */
        private volatile long provenAt;
        private volatile boolean lost;
        private volatile ScheduledFuture<?> renewal;

        HeldLease(SecretRef secret, BlobLeaseClient client, long provenAt) {
            this.secret = secret;
            this.client = client;
            this.provenAt = provenAt;
        }

        void renew() {
            if (lost || !renewing.compareAndSet(false, true)) {
                return;
            }
            long sentAt = System.nanoTime();
            try {
                // Shorter than the interval between renewals: a renewal that hangs to its timeout is over before the
                // next one is due, which then goes out instead of finding it still running and waiting a whole
                // interval more, past the lease.
                client.renewLeaseWithResponse((com.azure.core.http.RequestConditions) null, lease.dividedBy(4),
                        Context.NONE);
                provenAt = sentAt;
            } catch (BlobStorageException e) {
                lost = lost || e.getStatusCode() == 409;
                LOG.log(Level.WARNING, () -> "lock.renew_failed secret=%s error=%s%s".formatted(secret,
                        SafeErrorText.of(e), lost ? " (the lease is lost)" : ""));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "lock.renew_failed secret=%s error=%s (the lease expires within %ds)"
                        .formatted(secret, SafeErrorText.of(e), lease.toSeconds()));
            } finally {
                renewing.set(false);
            }
        }

        @Override
        public void confirm(Step step) {
            long age = System.nanoTime() - provenAt;
            if (lost || age >= lease.minus(lease.dividedBy(6)).toNanos()) {
                throw RotationException.retryable(step, "the rotation lock of " + secret + " was not renewed within "
                        + lease.toSeconds() + " s, so another instance may hold it: stopped before " + step);
            }
        }

        @Override
        public void close() {
            if (renewal != null) {
                renewal.cancel(false);
            }
            if (lost) {
                return;
            }
            try {
                client.releaseLease();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "lock.release_failed secret=%s error=%s (the lease expires within %ds)"
                        .formatted(secret, SafeErrorText.of(e), lease.toSeconds()));
            }
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
