package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.specialized.BlobLeaseClientBuilder;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The rotation lock on Azurite, as it behaves in the function app's storage account. */
class BlobLeaseRotationLockTest {

    private static final SecretRef SECRET = new SecretRef("kv-dev-app", "DB-PASSWORD");
    private BlobContainerClient container;

    @BeforeEach
    void container() {
        container = new BlobServiceClientBuilder().connectionString(Sandbox.azurite().connectionString())
                .buildClient().getBlobContainerClient("locks-test-" + UUID.randomUUID());
    }

    @Test
    @DisplayName("a second holder is refused while the first holds the lock, and let in once it is released")
    void excludesUntilReleased() {
        BlobLeaseRotationLock instanceA = new BlobLeaseRotationLock(() -> container);
        BlobLeaseRotationLock instanceB = new BlobLeaseRotationLock(() -> container);

        Optional<RotationLock.Lease> first = instanceA.tryAcquire(SECRET);

        assertThat(first).isPresent();
        assertThat(instanceB.tryAcquire(SECRET)).as("another instance, same secret").isEmpty();
        assertThat(instanceB.tryAcquire(new SecretRef("kv-dev-app", "OTHER"))).as("another secret").isPresent();
        first.get().close();
        assertThat(instanceB.tryAcquire(SECRET)).isPresent();
    }

    @Test
    @DisplayName("a held lock is renewed past its lease; a crashed holder's lock expires by itself")
    void renewsWhileHeldAndExpiresAfterACrash() throws InterruptedException {
        BlobLeaseRotationLock lock = new BlobLeaseRotationLock(() -> container, Duration.ofSeconds(15));
        Optional<RotationLock.Lease> held = lock.tryAcquire(SECRET);
        assertThat(held).isPresent();
        SecretRef crashed = new SecretRef("kv-dev-app", "CRASHED-HOLDER");
        BlobClient crashedBlob = container.getBlobClient("locks/kv-dev-app/crashed-holder");
        crashedBlob.upload(BinaryData.fromString(""), false);
        new BlobLeaseClientBuilder().blobClient(crashedBlob).buildClient().acquireLease(15);
        assertThat(lock.tryAcquire(crashed)).as("held by an instance that then crashed").isEmpty();

        Thread.sleep(17_000);

        assertThat(lock.tryAcquire(SECRET)).as("renewed, so still held after 17 s of a 15 s lease").isEmpty();
        assertThat(lock.tryAcquire(crashed)).as("never renewed, so expired").isPresent();
        held.get().close();
    }

    @Test
    @DisplayName("a lease whose renewals stall stops counting as held, another instance may take it, and the other"
            + " leases of the worker keep renewing on their own")
    void renewalsAreIndependentAndTheLeaseIsAFence() throws InterruptedException {
        SecretRef slow = new SecretRef("kv-dev-app", "SLOW-RENEWALS");
        SecretRef healthy = new SecretRef("kv-dev-app", "HEALTHY-RENEWALS");
        BlobContainerClient stalled = stallingRenewals(
                renewal -> renewal.getUrl().getPath().endsWith("slow-renewals"), Duration.ofSeconds(20));
        BlobLeaseRotationLock worker = new BlobLeaseRotationLock(() -> stalled, Duration.ofSeconds(15));
        BlobLeaseRotationLock otherInstance = new BlobLeaseRotationLock(() -> container, Duration.ofSeconds(15));
        RotationLock.Lease slowLease = worker.tryAcquire(slow).orElseThrow();
        RotationLock.Lease healthyLease = worker.tryAcquire(healthy).orElseThrow();

        Thread.sleep(17_000);

        healthyLease.confirm(Step.STORE);
        assertThat(otherInstance.tryAcquire(healthy)).as("renewed although the other lease's renewals stall").isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> slowLease.confirm(Step.STORE))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Retryable.class);
                    assertThat(e.failure().message()).contains("not renewed within 15 s", "stopped before store");
                });
        assertThat(otherInstance.tryAcquire(slow)).as("the expired lease, taken over").isPresent();
        healthyLease.close();
        slowLease.close();
    }

    @Test
    @DisplayName("one renewal that hangs until its timeout does not lose the lease: the next renewal goes out on time")
    void oneHungRenewalIsNotALostLease() throws InterruptedException {
        SecretRef secret = new SecretRef("kv-dev-app", "ONE-HUNG-RENEWAL");
        AtomicInteger renewals = new AtomicInteger();
        BlobContainerClient hanging = stallingRenewals(renewal -> renewals.incrementAndGet() == 1,
                Duration.ofSeconds(30));
        BlobLeaseRotationLock worker = new BlobLeaseRotationLock(() -> hanging, Duration.ofSeconds(15));
        RotationLock.Lease lease = worker.tryAcquire(secret).orElseThrow();

        // Renewals are due every 5 s; the first hangs from 5 s to its timeout. At 13.5 s the lease has been proven
        // only if the renewal due at 10 s went out, not if it waited for the one due at 15 s.
        Thread.sleep(13_500);

        lease.confirm(Step.STORE);
        assertThat(new BlobLeaseRotationLock(() -> container, Duration.ofSeconds(15)).tryAcquire(secret))
                .as("still held").isEmpty();
        assertThat(renewals.get()).as("the hung renewal and the next").isGreaterThanOrEqualTo(2);
        lease.close();
    }

    /** The test's container through a client whose lease renewals {@code stalled} picks wait {@code stall} first. */
    private BlobContainerClient stallingRenewals(Predicate<HttpRequest> stalled, Duration stall) {
        HttpClient direct = HttpClient.createDefault();
        HttpClient stalling = request -> "renew".equals(request.getHeaders().getValue("x-ms-lease-action"))
                && stalled.test(request) ? Mono.delay(stall).then(direct.send(request)) : direct.send(request);
        return new BlobServiceClientBuilder().connectionString(Sandbox.azurite().connectionString())
                .httpClient(stalling).buildClient().getBlobContainerClient(container.getBlobContainerName());
    }
}
