package io.kvrotator.provider.postgresql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.provider.ValueFormat;
import io.kvrotator.vault.SecretValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A secret's value for a PostgreSQL login, read by its format: a libpq connection string ({@link ConnInfo}: keywords
 * {@code user}, {@code password}, optionally {@code host}, {@code port}, {@code dbname} and any others) or a JSON
 * object ({@code {"user": ..., "password": ...}}, optionally {@code host}, {@code port}, {@code dbname} and any
 * other fields). A new value is the same with another user and password, so whatever else consumers read stays.
 * Never shows the password in {@link #toString()}.
 */
final class PgValue {

    static final String DEFAULT_DATABASE = "postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ValueFormat format;
    private final Map<String, String> pairs;
    private final ObjectNode object;

    private PgValue(ValueFormat format, Map<String, String> pairs, ObjectNode object) {
        this.format = format;
        this.pairs = pairs;
        this.object = object;
    }

    /** The value as {@code format} reads it; empty unless it names a user and a password. */
    static Optional<PgValue> parse(ValueFormat format, SecretValue value) {
        String text = value.reveal();
        if (format == ValueFormat.CONNECTION_STRING && !text.strip().startsWith("{")) {
            return ConnInfo.parse(text).map(pairs -> new PgValue(format, pairs, null)).filter(PgValue::complete);
        }
        if (format == ValueFormat.JSON) {
            try {
                JsonNode node = JSON.readTree(text);
                return node != null && node.isObject() && node.path("user").isTextual()
                        && node.path("password").isTextual()
                        ? Optional.of(new PgValue(format, null, (ObjectNode) node)).filter(PgValue::complete)
                        : Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** In {@code preferred} format, or failing that in the other one (an older version may differ). */
    static Optional<PgValue> parseAny(ValueFormat preferred, SecretValue value) {
        ValueFormat other = preferred == ValueFormat.JSON ? ValueFormat.CONNECTION_STRING : ValueFormat.JSON;
        return parse(preferred, value).or(() -> parse(other, value));
    }

    ValueFormat format() {
        return format;
    }

    String user() {
        return field("user").orElseThrow();
    }

    SecretValue password() {
        return SecretValue.of(field("password").orElseThrow());
    }

    Optional<String> host() {
        return field("host");
    }

    Optional<String> port() {
        return field("port");
    }

    String database() {
        return field("dbname").or(() -> format == ValueFormat.JSON ? field("database") : Optional.empty())
                .orElse(DEFAULT_DATABASE);
    }

    /** This value with {@code user} and {@code password} in place of its own, everything else as it was. */
    SecretValue with(String user, SecretValue password) {
        if (format == ValueFormat.JSON) {
            ObjectNode copy = object.deepCopy();
            copy.put("user", user);
            copy.put("password", password.reveal());
            return SecretValue.of(copy.toString());
        }
        Map<String, String> copy = new LinkedHashMap<>(pairs);
        copy.put("user", user);
        copy.put("password", password.reveal());
        return SecretValue.of(ConnInfo.format(copy));
    }

    private boolean complete() {
        return field("user").filter(user -> !user.isBlank()).isPresent()
                && field("password").filter(password -> !password.isEmpty()).isPresent();
    }

    private Optional<String> field(String name) {
        if (format == ValueFormat.JSON) {
            JsonNode node = object.path(name);
            return node.isTextual() || node.isNumber() ? Optional.of(node.asText()) : Optional.empty();
        }
        return Optional.ofNullable(pairs.get(name));
    }

    @Override
    public String toString() {
        return "PgValue[" + format.tagValue() + ", user=" + field("user").orElse("?") + ", password redacted]";
    }
}
