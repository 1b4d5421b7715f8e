package io.kvrotator.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses Key Vault secret events in the Event Grid schema or the CloudEvents 1.0 schema, one event or an array.
 * Field names are matched without regard to case (the 2018 schema uses camelCase {@code data} keys, the 2024 one
 * PascalCase); {@code NBF}/{@code EXP} may be strings or numbers of epoch seconds. Anything unusable becomes a
 * {@link ParsedEvent.Rejected} with a reason: it must be logged and completed, never retried.
 */
public final class KeyVaultEventParser {

    /** Event Grid refuses events over 1 MB; a larger body is not an Event Grid delivery. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Event Grid ids are GUIDs; an id ends up in audit tags (256 characters at most) and log lines. */
    static final int MAX_ID_LENGTH = 128;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).build());
    }

    public List<ParsedEvent> parse(String body) {
        if (body == null || body.isBlank()) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is empty"));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is larger than " + MAX_BODY_BYTES + " bytes"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is not valid JSON ("
                    + e.getOriginalMessage() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is not valid JSON"));
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                return List.of(new ParsedEvent.Rejected("unknown", "body is an empty array"));
            }
            List<ParsedEvent> events = new ArrayList<>();
            root.forEach(element -> events.add(parseOne(element)));
            return events;
        }
        return List.of(parseOne(root));
    }

    private ParsedEvent parseOne(JsonNode node) {
        if (!node.isObject()) {
            return new ParsedEvent.Rejected("unknown", "event is not a JSON object");
        }
        Fields envelope = new Fields(node);
        String id;
        try {
            id = envelope.text("id").orElse(null);
        } catch (InvalidEvent e) {
            return new ParsedEvent.Rejected("unknown", e.getMessage());
        }
        if (id == null) {
            return new ParsedEvent.Rejected("unknown", "event has no id");
        }
        String shownId = KeyVaultNames.printable(id);
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            return new ParsedEvent.Rejected(shownId, "event id is longer than " + MAX_ID_LENGTH
                    + " characters or has control characters");
        }
        try {
            return new ParsedEvent.Accepted(toEvent(shownId, envelope));
        } catch (InvalidEvent e) {
            return new ParsedEvent.Rejected(shownId, e.getMessage());
        }
    }

    private KeyVaultEvent toEvent(String id, Fields envelope) {
        boolean cloudEvent = envelope.has("specversion");
        String typeName = envelope.text(cloudEvent ? "type" : "eventType")
                .orElseThrow(() -> new InvalidEvent(cloudEvent ? "CloudEvent has no type" : "event has no eventType"));
        KeyVaultEventType type = KeyVaultEventType.fromWireName(typeName)
                .orElseThrow(() -> new InvalidEvent("event type '" + KeyVaultNames.printable(typeName)
                        + "' is not one kv-rotator handles (SecretNearExpiry, SecretExpired)"));
        Instant eventTime = envelope.text(cloudEvent ? "time" : "eventTime").map(KeyVaultEventParser::parseTime)
                .orElseThrow(() -> new InvalidEvent("event has no " + (cloudEvent ? "time" : "eventTime")));

        JsonNode dataNode = envelope.node("data").orElseThrow(() -> new InvalidEvent("event has no data"));
        if (!dataNode.isObject()) {
            throw new InvalidEvent("event data is not a JSON object");
        }
        Fields data = new Fields(dataNode);
        String objectType = data.text("ObjectType").orElseThrow(() -> new InvalidEvent("data has no ObjectType"));
        if (!objectType.equalsIgnoreCase("Secret")) {
            throw new InvalidEvent("object type '" + KeyVaultNames.printable(objectType)
                    + "' is not a secret (keys and certificates are not rotated)");
        }
        String vault = data.text("VaultName").orElseThrow(() -> new InvalidEvent("data has no VaultName"));
        String name = data.text("ObjectName").orElseThrow(() -> new InvalidEvent("data has no ObjectName"));
        String version = data.text("Version").orElseThrow(() -> new InvalidEvent("data has no Version"));
        problem(KeyVaultNames.vaultNameProblem(vault));
        problem(KeyVaultNames.secretNameProblem(name));
        problem(KeyVaultNames.versionProblem(version));

        String source = envelope.text(cloudEvent ? "source" : "topic").orElse(null);
        if (source != null && !source.toLowerCase(Locale.ROOT).endsWith("/vaults/" + vault.toLowerCase(Locale.ROOT))) {
            throw new InvalidEvent("event " + (cloudEvent ? "source" : "topic") + " does not name vault '"
                    + vault + "'");
        }
        String subject = envelope.text("subject").orElse(null);
        if (subject != null && !subject.equalsIgnoreCase(name)) {
            throw new InvalidEvent("event subject '" + KeyVaultNames.printable(subject)
                    + "' does not match ObjectName '" + name + "'");
        }
        data.text("Id").ifPresent(objectId -> {
            String expectedPath = "/secrets/" + name + "/" + version;
            if (!objectId.toLowerCase(Locale.ROOT).endsWith(expectedPath.toLowerCase(Locale.ROOT))) {
                throw new InvalidEvent("data Id does not name secret '" + name + "' version " + version);
            }
        });

        return new KeyVaultEvent(id, type, new SecretRef(vault, name), version.toLowerCase(Locale.ROOT),
                data.epochSeconds("NBF"), data.epochSeconds("EXP"), eventTime);
    }

    private static void problem(Optional<String> problem) {
        problem.ifPresent(text -> {
            throw new InvalidEvent(text);
        });
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEvent("event time '" + KeyVaultNames.printable(text) + "' is not an ISO-8601 instant");
        }
    }

    /** Case-insensitive view of a JSON object's fields. */
    private static final class Fields {
        private final JsonNode object;

        Fields(JsonNode object) {
            this.object = object;
        }

        boolean has(String name) {
            return node(name).isPresent();
        }

        Optional<JsonNode> node(String name) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equalsIgnoreCase(name) && !field.getValue().isNull()) {
                    return Optional.of(field.getValue());
                }
            }
            return Optional.empty();
        }

        Optional<String> text(String name) {
            Optional<JsonNode> value = node(name);
            if (value.isPresent() && !value.get().isTextual()) {
                throw new InvalidEvent("field '" + name + "' is not a string");
            }
            return value.map(JsonNode::asText).filter(text -> !text.isBlank());
        }

        /** Epoch seconds given as a number or as a string of digits; absent or empty means none. */
        Instant epochSeconds(String name) {
            Optional<JsonNode> value = node(name);
            if (value.isEmpty() || (value.get().isTextual() && value.get().asText().isBlank())) {
                return null;
            }
            JsonNode node = value.get();
            if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()) {
                return Instant.ofEpochSecond(node.asLong());
            }
            if (node.isTextual() && node.asText().trim().matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(node.asText().trim()));
            }
            throw new InvalidEvent("field '" + name + "' is not epoch seconds");
        }
    }

    private static final class InvalidEvent extends RuntimeException {
        InvalidEvent(String message) {
            super(message, null, false, false);
        }
    }
}
