package io.kvrotator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Compares a JSON document with an official example: every field of the example must be there, of the same type. */
public final class JsonShape {

    private JsonShape() {
    }

    /** The differences, as JSON paths with what was expected; empty when {@code actual} conforms. */
    public static List<String> differences(JsonNode example, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", example, actual, false, differences);
        return differences;
    }

    /**
     * Like {@link #differences}, but a property that is present and null in {@code actual} conforms whatever the
     * example holds: for APIs such as Microsoft Graph, whose examples show populated values for properties that
     * are null when unset.
     */
    public static List<String> differencesAllowingNulls(JsonNode example, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", example, actual, true, differences);
        return differences;
    }

    private static void compare(String path, JsonNode example, JsonNode actual, boolean nullsAllowed,
                                List<String> differences) {
        if (example.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            differences.add(path + " is missing");
        } else if (nullsAllowed && actual.isNull()) {
            return;
        } else if (example.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + " should be an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), nullsAllowed,
                        differences);
            }
        } else if (example.isArray()) {
            if (!actual.isArray()) {
                differences.add(path + " should be an array");
            } else if (!example.isEmpty() && !actual.isEmpty()) {
                compare(path + "[0]", example.get(0), actual.get(0), nullsAllowed, differences);
            }
        } else if (example.getNodeType() != actual.getNodeType()
                && !(example.isNumber() && actual.isNumber())) {
            differences.add(path + " should be " + example.getNodeType() + " but is " + actual.getNodeType());
        }
    }
}
