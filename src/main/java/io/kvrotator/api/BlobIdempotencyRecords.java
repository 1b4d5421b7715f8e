package io.kvrotator.api;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.support.ConditionalBlobWrite;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link IdempotencyRecords} as blobs {@code idempotency/{id}} in the function app's own storage: creating a blob
 * that must not exist is the claim, so two instances cannot both run the same request; an expired entry is taken
 * over with its ETag as the condition; a claim whose answer was lost is read back ({@link ConditionalBlobWrite}). The
 * answers kept are the API's own, which never hold a secret value.
 */
public final class BlobIdempotencyRecords implements IdempotencyRecords {

    private final Supplier<BlobContainerClient> container;
    private final Clock clock;

    /** @param container the rotation locks' container */
    public BlobIdempotencyRecords(Supplier<BlobContainerClient> container, Clock clock) {
        this.container = container;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> claim(String id, String requestFingerprint, Instant expiresAt) {
        BlobClient blob = blob(id);
        Entry claim = new Entry(requestFingerprint, expiresAt, null);
        try {
            if (ConditionalBlobWrite.write(blob, json(claim), new BlobRequestConditions().setIfNoneMatch("*"))
                    .isPresent()) {
                return Optional.empty();
            }
        } catch (BlobStorageException e) {
            if (e.getErrorCode() != BlobErrorCode.CONTAINER_NOT_FOUND) {
                throw e;
            }
            container.get().createIfNotExists();
            return claim(id, requestFingerprint, expiresAt);
        }
        var downloaded = blob.downloadContentWithResponse(null, null, null, com.azure.core.util.Context.NONE);
        Entry existing = read(downloaded.getValue());
        if (existing.expiresAt().isAfter(clock.instant())) {
            return Optional.of(existing);
        }
        if (ConditionalBlobWrite.write(blob, json(claim), new BlobRequestConditions()
                .setIfMatch(downloaded.getDeserializedHeaders().getETag())).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(read(blob.downloadContent()));
    }

    @Override
    public void complete(String id, Entry entry) {
        blob(id).upload(json(entry), true);
    }

    @Override
    public void release(String id) {
        blob(id).deleteIfExists();
    }

    private BlobClient blob(String id) {
        return container.get().getBlobClient("idempotency/" + id);
    }

    private static BinaryData json(Entry entry) {
        ObjectNode json = ApiJson.object().put("requestFingerprint", entry.requestFingerprint())
                .put("expiresAt", entry.expiresAt().toString());
        if (entry.response() != null) {
            ObjectNode response = json.putObject("response").put("status", entry.response().status())
                    .put("body", entry.response().body());
            entry.response().headers().forEach(response.putObject("headers")::put);
        }
        return BinaryData.fromString(json.toString());
    }

    private static Entry read(BinaryData data) {
        JsonNode json;
        try {
            json = ApiJson.parse(data.toString());
        } catch (IOException e) {
            throw new IllegalStateException("an idempotency record is not JSON", e);
        }
        JsonNode response = json.path("response");
        ApiResponse answer = null;
        if (response.isObject()) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            answer = new ApiResponse(response.path("status").asInt(), headers, response.path("body").asText());
        }
        return new Entry(json.path("requestFingerprint").asText(), Instant.parse(json.path("expiresAt").asText()),
                answer);
    }
}
