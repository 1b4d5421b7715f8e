package io.kvrotator.provider.batch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Batch Shared Key authentication, as "Authenticate requests to the Azure Batch service" documents it: an HMAC-SHA256,
 * keyed with the Base64-decoded account key, over
 * <pre>
 * VERB \n Content-Encoding \n Content-Language \n Content-Length \n Content-MD5 \n Content-Type \n Date \n
 * If-Modified-Since \n If-Match \n If-None-Match \n If-Unmodified-Since \n Range \n
 * CanonicalizedHeaders (every ocp-* header, lower-case name:value\n, sorted by name)
 * CanonicalizedResource (/account + the encoded URI path, then \nname:value per query parameter, names lower-case,
 *                        sorted, name and value URL-decoded)
 * </pre>
 * With {@code ocp-date} set, the Date line is empty. Sent as {@code Authorization: SharedKey account:signature}.
 */
final class BatchSharedKey {

    private BatchSharedKey() {
    }

    /**
     * The string to sign for a request with no body and only {@code ocp-*} headers besides the authorization (all a
     * verification GET sends): the twelve standard lines are empty but for the verb.
     */
    static String stringToSign(String verb, URI uri, Map<String, String> ocpHeaders, String accountName) {
        StringBuilder text = new StringBuilder(verb.toUpperCase(Locale.ROOT)).append('\n');
        text.append("\n".repeat(11));
        new TreeMap<>(lowerCaseNames(ocpHeaders)).forEach((name, value) ->
                text.append(name).append(':').append(value.replaceAll("[\\r\\n]+", " ").strip()).append('\n'));
        text.append('/').append(accountName.toLowerCase(Locale.ROOT)).append(uri.getRawPath());
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            Map<String, List<String>> parameters = new TreeMap<>();
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
                parameters.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
            parameters.forEach((name, values) -> text.append('\n').append(name).append(':')
                    .append(String.join(",", values.stream().sorted().toList())));
        }
        return text.toString();
    }

    /** {@code SharedKey account:Base64(HMAC-SHA256(key, UTF-8(stringToSign)))}. */
    static String authorization(String accountName, String base64Key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return "SharedKey " + accountName + ":" + Base64.getEncoder()
                    .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never the key itself: only that it could not be used.
            throw new IllegalArgumentException("the Batch account key is not a Base64 HMAC key");
        }
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
