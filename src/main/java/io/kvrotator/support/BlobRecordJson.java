package io.kvrotator.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of the records kv-rotator keeps as blobs in its own storage (the notice ledger, the approval requests):
 * times as ISO-8601 text. The mapper is built on first use rather than with the context (see {@code WarmUp.json}).
 */
public final class BlobRecordJson {

    private static final Lazy<ObjectMapper> MAPPER = Lazy.of(() -> new ObjectMapper()
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    private BlobRecordJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER.get();
    }
}
