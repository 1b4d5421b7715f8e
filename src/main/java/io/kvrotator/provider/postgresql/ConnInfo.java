package io.kvrotator.provider.postgresql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * libpq's keyword/value connection strings ({@code host=db.example.com port=5432 dbname=orders user=orders_app_a
 * password=...}): whitespace-separated {@code keyword=value} pairs, a value in single quotes when it holds spaces,
 * with {@code \'} and {@code \\} escaped (PostgreSQL documentation, "Connection Strings", keyword/value form).
 * Read by psql, libpq and every driver built on it, psycopg, and pgx.
 */
final class ConnInfo {

    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PLAIN = Pattern.compile("[^\\s'\\\\]+");

    private ConnInfo() {
    }

    /** The pairs in order (a repeated keyword: the last wins, as in libpq); empty when the text is not one. */
    static Optional<Map<String, String>> parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int at = skipSpace(text, 0);
        while (at < text.length()) {
            int equals = text.indexOf('=', at);
            if (equals < 0) {
                return Optional.empty();
            }
            String keyword = text.substring(at, equals).strip();
            if (!KEYWORD.matcher(keyword).matches()) {
                return Optional.empty();
            }
            StringBuilder value = new StringBuilder();
            at = skipSpace(text, equals + 1);
            boolean quoted = at < text.length() && text.charAt(at) == '\'';
            if (quoted) {
                at++;
            }
            while (at < text.length()
                    && (quoted ? text.charAt(at) != '\'' : !Character.isWhitespace(text.charAt(at)))) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            if (quoted) {
                if (at >= text.length()) {
                    return Optional.empty();
                }
                at++;
            }
            pairs.put(keyword, value.toString());
            at = skipSpace(text, at);
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs);
    }

    static String format(Map<String, String> pairs) {
        return pairs.entrySet().stream().map(pair -> pair.getKey() + "=" + quoted(pair.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String quoted(String value) {
        return PLAIN.matcher(value).matches() ? value
                : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static int skipSpace(String text, int at) {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}
