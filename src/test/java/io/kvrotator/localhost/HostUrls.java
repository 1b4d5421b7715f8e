package io.kvrotator.localhost;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the local host reads a URL: route templates as the Functions runtime matches them, and query strings. */
final class HostUrls {

    private HostUrls() {
    }

    /** Matches a route template such as {@code secrets/{vault}/{name}} against a path; values are URL-decoded. */
    static Optional<Map<String, String>> match(String template, String path) {
        String[] templateParts = template.split("/");
        String[] pathParts = path.split("/", -1);
        if (templateParts.length != pathParts.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        Pattern parameter = Pattern.compile("\\{(\\w+)}");
        for (int i = 0; i < templateParts.length; i++) {
            Matcher matcher = parameter.matcher(templateParts[i]);
            String decoded = URLDecoder.decode(pathParts[i], StandardCharsets.UTF_8);
            if (matcher.matches()) {
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                values.put(matcher.group(1), decoded);
            } else if (!templateParts[i].equalsIgnoreCase(pathParts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** A raw query string's parameters, URL-decoded; a name without {@code =} has an empty value. */
    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
