package io.kvrotator.publish;

import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** An {@link OutcomeEvent} as the CloudEvents 1.0 event the topic receives. */
final class CloudEvents {

    /** The CloudEvents {@code source} of every event kv-rotator publishes. */
    static final String SOURCE = "/kv-rotator";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CloudEvents() {
    }

    static CloudEvent of(OutcomeEvent event) {
        ObjectNode data = JSON.createObjectNode().put("vault", event.vault());
        if (event instanceof SecretEvent about) {
            data.put("secret", about.secret().name());
        }
        ObjectNode fields = JSON.valueToTree(event);
        fields.remove(List.of("vault", "secret", "time"));
        data.setAll(fields);
        CloudEvent cloudEvent = new CloudEvent(SOURCE, event.type(), BinaryData.fromString(data.toString()),
                CloudEventDataFormat.JSON, "application/json").setId(event.id()).setSubject(event.subject());
        return event.time() == null ? cloudEvent : cloudEvent.setTime(rfc3339(event.time()));
    }

    /**
     * The SDK writes {@code time} with {@code OffsetDateTime.toString()}, which drops zero seconds ({@code 07:00Z},
     * not RFC 3339); a time on the whole minute goes one nanosecond later, so that its seconds are written.
     */
    private static OffsetDateTime rfc3339(Instant time) {
        OffsetDateTime utc = time.atOffset(ZoneOffset.UTC);
        return utc.getSecond() == 0 && utc.getNano() == 0 ? utc.plusNanos(1) : utc;
    }

    /** The event as CloudEvents JSON, as the outbox keeps it. */
    static String json(CloudEvent event) {
        try {
            return event.toJsonString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CloudEvent " + event.getId(), e);
        }
    }
}
