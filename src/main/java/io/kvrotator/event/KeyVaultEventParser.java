package io.kvrotator.event;

import io.kvrotator.support.Lazy;
import io.kvrotator.support.LogText;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses Key Vault secret events in the Event Grid schema or the CloudEvents 1.0 schema, one event or an array.
 * Field names are matched without regard to case or surrounding whitespace (the 2018 schema uses camelCase
 * {@code data} keys, the 2024 one PascalCase, and published samples carry keys such as {@code "objectName "});
 * values are trimmed. The secret is identified by {@code data.Id} when present, cross-checked against
 * {@code VaultName}, {@code ObjectName}, {@code Version}, the topic and the subject; otherwise by those fields.
 * {@code NBF}/{@code EXP} may be strings or numbers of epoch seconds, from 1970 to the end of 9999. Anything
 * unusable becomes a {@link ParsedEvent.Rejected} with a reason: it must be logged and completed, never retried,
 * and no element of a delivery, however malformed, makes parsing throw.
 */
public final class KeyVaultEventParser {

    /** Event Grid refuses events over 1 MB; a larger body is not an Event Grid delivery. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Event Grid ids are GUIDs; an id ends up in audit tags (256 characters at most) and log lines. */
    static final int MAX_ID_LENGTH = 128;
    /** 9999-12-31T23:59:59Z: Key Vault's attributes and our tags hold four-digit years. */
    static final long MAX_EPOCH_SECOND = 253402300799L;

    /** Built on first use rather than with the context: see {@code WarmUp.json}. */
    private static final Lazy<ObjectMapper> JSON = Lazy.of(() -> {
        ObjectMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).build());
        return mapper;
    });

    public List<ParsedEvent> parse(String body) {
        try {
            return parseBody(body);
        } catch (RuntimeException e) {
            return List.of(unreadable("unknown", e));
        }
    }

    private List<ParsedEvent> parseBody(String body) {
        if (body == null || body.isBlank()) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is empty"));
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return List.of(new ParsedEvent.Rejected("unknown", "body is larger than " + MAX_BODY_BYTES + " bytes"));
        }
        JsonNode root;
        try {
            root = JSON.get().readTree(body);
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
            root.forEach(element -> events.add(parseSafely(element)));
            return events;
        }
        return List.of(parseSafely(root));
    }

    /** One element; a failure this parser did not foresee rejects that element only. */
    private ParsedEvent parseSafely(JsonNode element) {
        try {
            return parseOne(element);
        } catch (RuntimeException e) {
            String id = element.isObject() && element.path("id").isTextual() ? element.path("id").asText() : "unknown";
            return unreadable(id.length() > MAX_ID_LENGTH ? "unknown" : LogText.printable(id), e);
        }
    }

    /** Names the kind of failure only: its message could quote the payload. */
    private static ParsedEvent unreadable(String eventId, RuntimeException e) {
        return new ParsedEvent.Rejected(eventId, "event could not be read (" + e.getClass().getSimpleName() + ")");
    }

    private ParsedEvent parseOne(JsonNode node) {
        if (!node.isObject()) {
            return new ParsedEvent.Rejected("unknown", "event is not a JSON object");
        }
        EventFields envelope = new EventFields(node);
        String id;
        try {
            id = envelope.text("id").orElse(null);
        } catch (InvalidEvent e) {
            return new ParsedEvent.Rejected("unknown", e.getMessage());
        }
        if (id == null) {
            return new ParsedEvent.Rejected("unknown", "event has no id");
        }
        String shownId = LogText.printable(id);
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

    private KeyVaultEvent toEvent(String id, EventFields envelope) {
        boolean cloudEvent = envelope.has("specversion");
        String typeName = envelope.text(cloudEvent ? "type" : "eventType")
                .orElseThrow(() -> new InvalidEvent(cloudEvent ? "CloudEvent has no type" : "event has no eventType"));
        KeyVaultEventType type = KeyVaultEventType.fromWireName(typeName)
                .orElseThrow(() -> new InvalidEvent("event type '" + LogText.printable(typeName)
                        + "' is not one kv-rotator handles (SecretNearExpiry, SecretExpired)"));
        String timeField = cloudEvent ? "time" : "eventTime";
        Instant eventTime = envelope.text(timeField).map(text -> parseTime(timeField, text))
                .orElseThrow(() -> new InvalidEvent("event has no " + timeField));

        JsonNode dataNode = envelope.node("data").orElseThrow(() -> new InvalidEvent("event has no data"));
        if (!dataNode.isObject()) {
            throw new InvalidEvent("event data is not a JSON object");
        }
        EventFields data = new EventFields(dataNode);
        String objectType = data.text("ObjectType").orElseThrow(() -> new InvalidEvent("data has no ObjectType"));
        if (!objectType.equalsIgnoreCase("Secret")) {
            throw new InvalidEvent("object type '" + LogText.printable(objectType)
                    + "' is not a secret (keys and certificates are not rotated)");
        }
        SecretId secret = secretId(data);

        String source = envelope.text(cloudEvent ? "source" : "topic").orElse(null);
        if (source != null && !source.toLowerCase(Locale.ROOT).endsWith("/vaults/" + secret.vault().toLowerCase(Locale.ROOT))) {
            throw new InvalidEvent("event " + (cloudEvent ? "source" : "topic") + " does not name vault '"
                    + secret.vault() + "'");
        }
        String subject = envelope.text("subject").orElse(null);
        if (subject != null && !subject.equalsIgnoreCase(secret.name())) {
            throw new InvalidEvent("event subject '" + LogText.printable(subject) + "' does not match "
                    + (data.has("ObjectName") ? "ObjectName" : "the secret in data Id") + " '" + secret.name() + "'");
        }

        return new KeyVaultEvent(id, type, new SecretRef(secret.vault(), secret.name()),
                secret.version().toLowerCase(Locale.ROOT), data.epochSeconds("NBF"), data.epochSeconds("EXP"), eventTime);
    }

    /**
     * The secret version the event is about: from {@code data.Id} when it has one, each separate field that is
     * present being well formed and naming the same vault, secret and version (without regard to case); from the
     * separate fields otherwise.
     */
    private static SecretId secretId(EventFields data) {
        Optional<String> vault = data.text("VaultName");
        Optional<String> name = data.text("ObjectName");
        Optional<String> version = data.text("Version");
        vault.ifPresent(text -> problem(KeyVaultNames.vaultNameProblem(text)));
        name.ifPresent(text -> problem(KeyVaultNames.secretNameProblem(text)));
        version.ifPresent(text -> problem(KeyVaultNames.versionProblem(text)));
        Optional<String> idText = data.text("Id");
        if (idText.isEmpty()) {
            return new SecretId(vault.orElseThrow(() -> new InvalidEvent("data has no VaultName")),
                    name.orElseThrow(() -> new InvalidEvent("data has no ObjectName")),
                    version.orElseThrow(() -> new InvalidEvent("data has no Version")));
        }
        SecretId id;
        try {
            id = SecretId.parse(idText.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidEvent(e.getMessage());
        }
        agree("vault", id.vault(), "VaultName", vault);
        agree("secret", id.name(), "ObjectName", name);
        agree("version", id.version(), "Version", version);
        return id;
    }

    private static void agree(String what, String fromId, String field, Optional<String> fromField) {
        if (fromField.isPresent() && !fromField.get().equalsIgnoreCase(fromId)) {
            throw new InvalidEvent("data Id does not name the " + what + " in " + field + ": Id has '" + fromId
                    + "', " + field + " '" + fromField.get() + "'");
        }
    }

    private static void problem(Optional<String> problem) {
        problem.ifPresent(text -> {
            throw new InvalidEvent(text);
        });
    }

    private static Instant parseTime(String field, String text) {
        Instant time;
        try {
            time = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEvent("event time '" + LogText.printable(text) + "' is not an ISO-8601 instant");
        }
        if (time.getEpochSecond() < 0 || time.getEpochSecond() > MAX_EPOCH_SECOND) {
            throw new InvalidEvent(field + " is outside 1970 to 9999");
        }
        return time;
    }
}
