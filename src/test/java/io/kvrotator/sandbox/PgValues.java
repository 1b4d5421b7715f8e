package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.AbstractMap.SimpleEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL secret values as a consumer writes and reads them: JSON, or a libpq keyword/value connection string. */
final class PgValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PgValues() {
    }

    static String json(String user, String password, int port) {
        return StandIn.JSON.createObjectNode().put("host", PostgresServer.HOST).put("port", port)
                .put("dbname", PostgresServer.DATABASE).put("user", user).put("password", password).toString();
    }

    static String connectionString(String user, String password, int port) {
        return "host=" + PostgresServer.HOST + " port=" + port + " dbname=" + PostgresServer.DATABASE + " user=" + user
                + " password=" + password + " sslmode=disable";
    }

    /** The user and password in either form; empty when the text is neither. */
    static Optional<Map.Entry<String, String>> credentials(String value) {
        Map<String, String> fields = new HashMap<>();
        try {
            JsonNode json = StandIn.JSON.readTree(value);
            if (json != null && json.isObject()) {
                json.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            }
        } catch (java.io.IOException e) {
            for (String pair : value.trim().split("\\s+")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    fields.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return fields.containsKey("user") && fields.containsKey("password")
                ? Optional.of(new SimpleEntry<>(fields.get("user"), fields.get("password"))) : Optional.empty();
    }

    static String password() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
