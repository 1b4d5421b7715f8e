package io.kvrotator.vault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a vault's secrets or certificates list (Key Vault REST {@code GET /secrets}, {@code GET /certificates}, 25 to
 * a page, following {@code nextLink}) over the vault's pipeline, each page in one pass of a streaming parser. The
 * daily sweep lists every item of every vault: the SDK's listing parses each page three times (into maps, back to
 * JSON per item, into its model), which was a fifth of a sweep's CPU in a worker that only has the client compiler.
 */
final class VaultListing {

    static final String API_VERSION = "7.5";
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

    private VaultListing() {
    }

    /** Every entry of {@code collection} ("secrets" or "certificates") of the vault at {@code vaultUrl}. */
    static List<ListedItem> list(HttpPipeline pipeline, String vaultUrl, String vault, String collection) {
        String what = "the " + collection + " list of vault " + vault;
        List<String> itemPaths = itemPaths(vaultUrl, collection);
        List<ListedItem> items = new ArrayList<>();
        Set<String> read = new HashSet<>();
        String url = vaultUrl + "/" + collection + "?api-version=" + API_VERSION + "&maxresults=25";
        while (url != null) {
            read.add(url);
            Page page = parse(get(pipeline, url), itemPaths, what);
            items.addAll(page.items());
            if (page.nextLink() != null && (read.contains(page.nextLink()) || !sameVault(page.nextLink(), vaultUrl))) {
                // The bearer token must go to this vault only, and pages that name each other would never end.
                throw new IllegalStateException(what + " named a next page that is not another page of this vault");
            }
            url = page.nextLink();
        }
        return items;
    }

    /**
     * True when {@code link} is on the vault's host and port (443 spelled out or not: Key Vault's own nextLinks
     * carry {@code :443}) and under its path.
     */
    static boolean sameVault(String link, String vaultUrl) {
        try {
            URI next = URI.create(link);
            URI vault = URI.create(vaultUrl);
            return next.getScheme() != null && next.getScheme().equalsIgnoreCase(vault.getScheme())
                    && next.getHost() != null
                    && next.getHost().equalsIgnoreCase(vault.getHost()) && port(next) == port(vault)
                    && next.getUserInfo() == null
                    && (next.getRawPath() + "/").startsWith(vault.getRawPath().replaceAll("/+$", "") + "/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static byte[] get(HttpPipeline pipeline, String url) {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            BinaryData body = response.getBodyAsBinaryData();
            byte[] bytes = body == null ? new byte[0] : body.toBytes();
            if (response.getStatusCode() != 200) {
                throw new HttpResponseException("Status code " + response.getStatusCode() + ", "
                        + new String(bytes, StandardCharsets.UTF_8), response);
            }
            return bytes;
        }
    }

    record Page(List<ListedItem> items, String nextLink) {
    }

    /**
     * Where an entry's ID names it: {@code /secrets/} in {@code https://{vault}.vault.azure.net/secrets/{name}}, as
     * Key Vault writes IDs whatever address it was called at; and under a path-style vault URL's own path (a
     * loopback stand-in's {@code https://127.0.0.1:8443/{vault}}), which comes first.
     */
    static List<String> itemPaths(String vaultUrl, String collection) {
        String vaultPath = Objects.requireNonNullElse(URI.create(vaultUrl).getRawPath(), "").replaceAll("/+$", "");
        String itemPath = "/" + collection + "/";
        return vaultPath.isEmpty() ? List.of(itemPath) : List.of(vaultPath + itemPath, itemPath);
    }

    /** One page: {@code {"value": [item, ...], "nextLink": url or null}}; other fields are skipped. */
    static Page parse(byte[] body, List<String> itemPaths, String what) {
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
            return new Page(items, nextLink);
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

    /** The name in an entry's ID: the path segment after the first of {@code itemPaths} it starts with. */
    private static String name(String id, List<String> itemPaths, String what) {
        String path = rawPath(id);
        String lowerPath = path.toLowerCase(Locale.ROOT);
        String name = itemPaths.stream().filter(itemPath -> lowerPath.startsWith(itemPath.toLowerCase(Locale.ROOT)))
                .findFirst().map(itemPath -> path.substring(itemPath.length()).split("/", -1)[0]).orElse("");
        require(!name.isEmpty(), what, "an entry's \"id\" is not under " + itemPaths.get(itemPaths.size() - 1));
        return name;
    }

    private static String rawPath(String id) {
        try {
            return id == null ? "" : Objects.requireNonNullElse(URI.create(id).getRawPath(), "");
        } catch (IllegalArgumentException e) {
            return "";
        }
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
            tags.put(name, text(json, json.nextToken(), what, "tag " + name));
        }
        return tags;
    }

    private static String text(JsonParser json, JsonToken value, String what, String field) throws IOException {
        require(value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL, what,
                "\"" + field + "\" is not a string");
        return value == JsonToken.VALUE_NULL ? null : json.getText();
    }

    private static boolean bool(JsonToken value, String what, String field, boolean ifNull) {
        require(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE || value == JsonToken.VALUE_NULL,
                what, "\"" + field + "\" is not true or false");
        return value == JsonToken.VALUE_NULL ? ifNull : value == JsonToken.VALUE_TRUE;
    }

    private static Instant epoch(JsonParser json, JsonToken value, String what, String field) throws IOException {
        require(value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NULL, what,
                "\"" + field + "\" is not a time in seconds");
        return value == JsonToken.VALUE_NULL ? null : Instant.ofEpochSecond(json.getLongValue());
    }

    private static void require(boolean shape, String what, String problem) {
        if (!shape) {
            throw new IllegalStateException(what + " is not in Key Vault's shape: " + problem);
        }
    }
}
