package io.kvrotator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.kvrotator.sandbox.Azurite;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.testing.LostStorageAnswers;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Conditional writes against Azurite through the real storage SDK, its retries and lost answers. */
class ConditionalBlobWriteTest {

    private final Azurite azurite = Sandbox.azurite();

    @Test
    @DisplayName("a blob that must not exist yet, created but its answer lost: the SDK's resend meets it (409), and"
            + " the read back finds it was this write")
    void lostAnswerOfACreation() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1);
        BlobClient blob = faults.container(azurite, container()).getBlobClient("record.json");

        Optional<String> written = ConditionalBlobWrite.write(blob, BinaryData.fromString("{\"mine\":true}"),
                new BlobRequestConditions().setIfNoneMatch("*"));

        assertThat(faults.writes()).as("sent again by the SDK").isEqualTo(2);
        assertThat(written).contains(blob.getProperties().getETag());
        assertThat(blob.downloadContent().toString()).isEqualTo("{\"mine\":true}");
    }

    @Test
    @DisplayName("a write on the version read, applied but its answer lost: the resend fails If-Match (412), and the"
            + " read back finds it was this write")
    void lostAnswerOfAnUpdate() {
        LostStorageAnswers faults = LostStorageAnswers.afterApplying(1);
        BlobContainerClient container = faults.container(azurite, container());
        BlobClient blob = container.getBlobClient("record.json");
        String version = azurite.client().getBlobContainerClient(container.getBlobContainerName())
                .getBlobClient("record.json").uploadWithResponse(new BlobParallelUploadOptions(
                        BinaryData.fromString("{\"v\":1}")), null, null).getValue().getETag();

        Optional<String> written = ConditionalBlobWrite.write(blob, BinaryData.fromString("{\"v\":2}"),
                new BlobRequestConditions().setIfMatch(version));

        assertThat(faults.writes()).isEqualTo(2);
        assertThat(written).contains(blob.getProperties().getETag());
        assertThat(blob.downloadContent().toString()).isEqualTo("{\"v\":2}");
    }

    @Test
    @DisplayName("another writer's blob fails the condition: empty, and the other blob stands")
    void anotherWritersBlob() {
        BlobClient blob = azurite.client().getBlobContainerClient(container()).getBlobClient("record.json");
        Optional<String> first = ConditionalBlobWrite.write(blob, BinaryData.fromString("{\"first\":true}"),
                new BlobRequestConditions().setIfNoneMatch("*"));

        Optional<String> second = ConditionalBlobWrite.write(blob, BinaryData.fromString("{\"second\":true}"),
                new BlobRequestConditions().setIfNoneMatch("*"));
        Optional<String> stale = ConditionalBlobWrite.write(blob, BinaryData.fromString("{\"stale\":true}"),
                new BlobRequestConditions().setIfMatch("\"0x8D0000000000000\""));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(stale).isEmpty();
        assertThat(blob.downloadContent().toString()).isEqualTo("{\"first\":true}");
    }

    @Test
    @DisplayName("a write that never reached the service, every send failing: the read back finds nothing, and the"
            + " SDK's error is thrown, not taken for another writer's blob")
    void notAppliedThrows() {
        LostStorageAnswers faults = LostStorageAnswers.beforeSending(10);
        BlobClient blob = faults.container(azurite, container()).getBlobClient("record.json");

        assertThatThrownBy(() -> ConditionalBlobWrite.write(blob, BinaryData.fromString("{}"),
                new BlobRequestConditions().setIfNoneMatch("*"))).hasMessageContaining("answer lost");
        assertThat(blob.exists()).isFalse();
    }

    private String container() {
        String name = "conditional-" + UUID.randomUUID();
        azurite.client().getBlobContainerClient(name).createIfNotExists();
        return name;
    }
}
