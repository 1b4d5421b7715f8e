package io.kvrotator.api;

import io.kvrotator.support.LogText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/** Reads a request's JSON body strictly: bounded, an object, known fields only, printable bounded text. */
final class RequestBodies {

    private RequestBodies() {
    }

    static JsonNode parse(ApiRequest request, Set<String> allowedFields) {
        String text = request.body() == null ? "" : request.body();
        if (text.getBytes(StandardCharsets.UTF_8).length > SecretApi.MAX_BODY_BYTES) {
            throw new BadRequest(413, "Body too large", "the body is larger than " + SecretApi.MAX_BODY_BYTES + " bytes");
        }
        if (text.isBlank()) {
            throw new BadRequest(400, "Missing body", "send a JSON object, e.g. {\"reason\": \"...\"}");
        }
        JsonNode body;
        try {
            body = ApiJson.parse(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest(400, "Malformed JSON", "the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw new BadRequest(400, "Unknown field", "unknown field '" + LogText.printable(name)
                        + "'; allowed: " + String.join(", ", allowedFields.stream().sorted().toList()));
            }
        }
        return body;
    }

    static String requiredText(JsonNode body, String field) {
        String value = optionalText(body, field);
        if (value == null) {
            throw new BadRequest(400, "Missing " + field, "'" + field + "' is required");
        }
        return value;
    }

    static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(400, "Invalid " + field, "'" + field + "' must be a string");
        }
        String value = node.asText().trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > SecretApi.MAX_TEXT_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequest(400, "Invalid " + field, "'" + field + "' must be at most " + SecretApi.MAX_TEXT_LENGTH
                    + " printable characters");
        }
        return value;
    }

    static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadRequest(400, "Invalid " + field, "'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }
}
