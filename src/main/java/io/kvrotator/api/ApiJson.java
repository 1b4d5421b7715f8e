package io.kvrotator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The API's JSON: one mapper, bounded parsing, times as ISO-8601 UTC. */
final class ApiJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(SecretApi.MAX_BODY_BYTES).build());
    }

    private ApiJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** What {@code writing} writes, as text. */
    static String write(Writing writing) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(text)) {
            writing.write(json);
        } catch (IOException e) {
            // A StringWriter does not fail: only a generator misused by the caller gets here.
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    @FunctionalInterface
    interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
