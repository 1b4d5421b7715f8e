package io.kvrotator.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a Key Vault list ({@code {"value": [item, ...], "nextLink": url or null}}), read in one pass of a
 * streaming parser into the fields the sweep uses; other fields are skipped. A page not in that shape is an error
 * naming the list, which never echoes the body.
 */
record ListPage(List<ListedItem> items, String nextLink) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    static ListPage parse(byte[] body, List<String> itemPaths, String what) {
        try (JsonParser json = JSON.createParser(body)) {
            require(json.nextToken() == JsonToken.START_OBJECT, what, "a page is not a JSON object");
            List<ListedItem> items = new ArrayList<>();
            String nextLink = null;
            boolean listed = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("value")) {
                    require(value == JsonToken.START_ARRAY, what, "\"value\" is not an array");
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        items.add(item(json, itemPaths, what));
                    }
                    require(json.currentToken() == JsonToken.END_ARRAY, what, "an entry is not a JSON object");
                    listed = true;
                } else if (field.equals("nextLink")) {
                    require(value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_STRING, what,
                            "\"nextLink\" is not a string");
                    nextLink = value == JsonToken.VALUE_NULL || json.getText().isBlank() ? null : json.getText();
                } else {
                    json.skipChildren();
                }
            }
            require(listed, what, "a page has no \"value\"");
            return new ListPage(items, nextLink);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ListedItem item(JsonParser json, List<String> itemPaths, String what) throws IOException {
        String id = null;
        String contentType = null;
        boolean managed = false;
        Attributes attributes = new Attributes();
        Map<String, String> tags = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "id" -> id = text(json, value, what, field);
                case "contentType" -> contentType = text(json, value, what, field);
                case "managed" -> managed = bool(value, what, field, false);
                case "attributes" -> attributes = attributes(json, value, what);
                case "tags" -> tags = tags(json, value, what);
                default -> json.skipChildren();
            }
        }
        return new ListedItem(name(id, itemPaths, what), attributes.enabled, attributes.created,
                attributes.notBefore, attributes.expires, contentType, managed, tags);
    }

    /**
     * The name in an entry's ID: the path segment after the first of {@code itemPaths} the ID's path starts with (in
     * any case), which must be a Key Vault name. Read with string operations: the sweep reads every item's ID, and
     * parsing each as a {@code java.net.URI} was an eighth of a scan's listing threads.
     */
    private static String name(String id, List<String> itemPaths, String what) {
        int path = pathStart(id);
        String name = "";
        for (String itemPath : itemPaths) {
            if (path >= 0 && id.regionMatches(true, path, itemPath, 0, itemPath.length())) {
                int start = path + itemPath.length();
                name = id.substring(start, segmentEnd(id, start));
                break;
            }
        }
        if (name.isEmpty()) {
            throw notInShape(what, "an entry's \"id\" is not under " + itemPaths.get(itemPaths.size() - 1));
        }
        require(KeyVaultNames.secretNameProblem(name).isEmpty(), what, "an entry's \"id\" does not end in a name");
        return name;
    }

    /** Where an absolute URL's path begins, after {@code scheme://authority}; -1 when it has no path. */
    private static int pathStart(String url) {
        int scheme = url == null ? -1 : url.indexOf("://");
        if (scheme <= 0) {
            return -1;
        }
        int end = segmentEnd(url, scheme + 3);
        return end < url.length() && url.charAt(end) == '/' ? end : -1;
    }

    /** The index of the first {@code /}, {@code ?} or {@code #} from {@code from}, or the end. */
    private static int segmentEnd(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    private static final class Attributes {
        boolean enabled = true;
        Instant created;
        Instant notBefore;
        Instant expires;
    }

    private static Attributes attributes(JsonParser json, JsonToken start, String what) throws IOException {
        require(start == JsonToken.START_OBJECT || start == JsonToken.VALUE_NULL, what,
                "an entry's \"attributes\" is not an object");
        Attributes attributes = new Attributes();
        while (start == JsonToken.START_OBJECT && json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "enabled" -> attributes.enabled = bool(value, what, field, true);
                case "created" -> attributes.created = epoch(json, value, what, field);
                case "nbf" -> attributes.notBefore = epoch(json, value, what, field);
                case "exp" -> attributes.expires = epoch(json, value, what, field);
                default -> json.skipChildren();
            }
        }
        return attributes;
    }

    private static Map<String, String> tags(JsonParser json, JsonToken start, String what) throws IOException {
        require(start == JsonToken.START_OBJECT || start == JsonToken.VALUE_NULL, what,
                "an entry's \"tags\" is not an object");
        Map<String, String> tags = new LinkedHashMap<>();
        while (start == JsonToken.START_OBJECT && json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            if (json.nextToken() != JsonToken.VALUE_STRING) {
                throw notInShape(what, "\"tag " + name + "\" is not a string");
            }
            tags.put(name, json.getText());
        }
        return tags;
    }

    private static String text(JsonParser json, JsonToken value, String what, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
            throw notInShape(what, "\"" + field + "\" is not a string");
        }
        return value == JsonToken.VALUE_NULL ? null : json.getText();
    }

    private static boolean bool(JsonToken value, String what, String field, boolean ifNull) {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
            throw notInShape(what, "\"" + field + "\" is not true or false");
        }
        return value == JsonToken.VALUE_NULL ? ifNull : value == JsonToken.VALUE_TRUE;
    }

    private static Instant epoch(JsonParser json, JsonToken value, String what, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NULL) {
            throw notInShape(what, "\"" + field + "\" is not a time in seconds");
        }
        return value == JsonToken.VALUE_NULL ? null : Instant.ofEpochSecond(json.getLongValue());
    }

    /** Checks with a fixed problem; a problem naming a field is built only when the check fails. */
    private static void require(boolean shape, String what, String problem) {
        if (!shape) {
            throw notInShape(what, problem);
        }
    }

    private static IllegalStateException notInShape(String what, String problem) {
        return new IllegalStateException(what + " is not in Key Vault's shape: " + problem);
    }
}
