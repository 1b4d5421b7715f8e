package io.kvrotator.support;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON an app setting holds (an object of names to strings or lists) with azure-json, which the SDKs load
 * anyway: Jackson's databind costs a cold worker about a tenth of a second to start, and the settings are read before
 * the first answer while databind can be readied on the warm-up thread. The parser's error, which quotes the input,
 * is dropped: a setting may hold secrets (webhook URLs).
 */
public final class SettingJson {

    private SettingJson() {
    }

    /** The JSON object {@code json} holds, its values as azure-json reads them (String, Number, Boolean, List, Map). */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> object(String json) {
        try (JsonReader reader = JsonProviders.createReader(json)) {
            Object value = reader.nextToken() == null ? null : reader.readUntyped();
            return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A string, number or boolean as text; anything else (null, a list, an object) as "". */
    public static String text(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : "";
    }
}
