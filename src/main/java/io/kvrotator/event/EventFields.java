package io.kvrotator.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** A JSON object's fields by name, without regard to case or surrounding whitespace. */
final class EventFields {
    private final JsonNode object;

    EventFields(JsonNode object) {
        this.object = object;
    }

    boolean has(String name) {
        return node(name).isPresent();
    }

    /** The field's value; two spellings of one field with different values are a contradiction. */
    Optional<JsonNode> node(String name) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().trim().equalsIgnoreCase(name) && !field.getValue().isNull()) {
                if (found != null && !same(found, field.getValue())) {
                    throw new InvalidEvent("field '" + name + "' appears more than once, with different values");
                }
                found = field.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean same(JsonNode first, JsonNode second) {
        return first.isTextual() && second.isTextual() ? first.asText().trim().equals(second.asText().trim())
                : first.equals(second);
    }

    Optional<String> text(String name) {
        Optional<JsonNode> value = node(name);
        if (value.isPresent() && !value.get().isTextual()) {
            throw new InvalidEvent("field '" + name + "' is not a string");
        }
        return value.map(node -> node.asText().trim()).filter(text -> !text.isEmpty());
    }

    /**
     * Epoch seconds given as a number or as a string of digits, from 1970 to the end of 9999; absent or empty
     * means none.
     */
    Instant epochSeconds(String name) {
        Optional<JsonNode> value = node(name);
        if (value.isEmpty() || (value.get().isTextual() && value.get().asText().isBlank())) {
            return null;
        }
        BigDecimal seconds = decimal(value.get())
                .orElseThrow(() -> new InvalidEvent("field '" + name + "' is not epoch seconds (a whole number)"));
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(KeyVaultEventParser.MAX_EPOCH_SECOND)) > 0) {
            throw new InvalidEvent("field '" + name + "' is not epoch seconds from 0 to " + KeyVaultEventParser.MAX_EPOCH_SECOND
                    + " (1970 to the end of 9999)");
        }
        return Instant.ofEpochSecond(seconds.longValueExact());
    }

    /** A whole number, from a JSON number or a string of at most 30 digits; empty for anything else. */
    private static Optional<BigDecimal> decimal(JsonNode node) {
        if (node.isNumber() && (node.isIntegralNumber() || Double.isFinite(node.doubleValue()))) {
            BigDecimal number = node.decimalValue();
            return number.stripTrailingZeros().scale() <= 0 ? Optional.of(number) : Optional.empty();
        }
        if (node.isTextual() && node.asText().trim().matches("-?\\d{1,30}")) {
            return Optional.of(new BigDecimal(node.asText().trim()));
        }
        return Optional.empty();
    }
}
