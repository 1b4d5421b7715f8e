package io.kvrotator.rotation;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
        com.azure.core.http.HttpClient direct = com.azure.core.http.HttpClient.createDefault();
        com.azure.core.http.HttpClient stalling = request -> {
            boolean renewOfSlow = "renew".equals(request.getHeaders().getValue("x-ms-lease-action"))
                    && request.getUrl().getPath().endsWith("slow-renewals");
            return renewOfSlow ? reactor.core.publisher.Mono.delay(Duration.ofSeconds(20)).then(direct.send(request))
                    : direct.send(request);
        };
        BlobContainerClient stalled = new BlobServiceClientBuilder().connectionString(Sandbox.azurite().connectionString())
                .httpClient(stalling).buildClient().getBlobContainerClient(container.getBlobContainerName());
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
}
