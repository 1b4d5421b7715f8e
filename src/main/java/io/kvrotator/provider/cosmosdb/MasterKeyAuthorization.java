package io.kvrotator.provider.cosmosdb;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cosmos DB master-key authorization, as "Access control in the Azure Cosmos DB SQL API" documents it: HMAC-SHA256
 * with the base64-decoded key over {@code verb\nresourceType\nresourceLink\ndate\n\n} (verb, resource type and date
 * lower-cased, the resource link as it is), sent URL-encoded as {@code type=master&ver=1.0&sig={signature}}.
 */
final class MasterKeyAuthorization {

    /** The {@code x-ms-date} form: an RFC 7231 HTTP-date with a two-digit day. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);

    private MasterKeyAuthorization() {
    }

    static String date(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param resourceLink e.g. {@code dbs/ToDoList}; empty for a feed at the account's root such as {@code GET /dbs}
     * @param date         the {@code x-ms-date} header's value
     * @param key          the master key, base64 as listKeys returns it
     */
    static String header(String verb, String resourceType, String resourceLink, String date, String key) {
        String payload = verb.toLowerCase(Locale.ROOT) + "\n" + resourceType.toLowerCase(Locale.ROOT) + "\n"
                + resourceLink + "\n" + date.toLowerCase(Locale.ROOT) + "\n\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            byte[] hash = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(hash);
            return URLEncoder.encode("type=master&ver=1.0&sig=" + signature, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Cosmos DB key is not base64");
        }
    }
}
