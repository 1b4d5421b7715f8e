package io.kvrotator.provider.sas;

import io.kvrotator.vault.SecretValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Shared Access Signature token as Microsoft documents it ("Generate a Shared Access Signature token", Service Bus
 * and Event Hubs alike): the HMAC-SHA256, keyed with the rule's key as written (its UTF-8 bytes, not decoded), of
 * the URL-encoded resource URI, a line feed and the expiry in epoch seconds;
 * {@code SharedAccessSignature sr={uri}&sig={signature}&se={expiry}&skn={rule}}, each value URL-encoded. The token
 * is a credential while it lasts: send it, never log it.
 */
public final class SharedAccessSignature {

    private SharedAccessSignature() {
    }

    /** The {@code Authorization} header value for {@code resourceUri} and everything below it, until {@code expiry}. */
    public static SecretValue token(String resourceUri, String ruleName, SecretValue key, Instant expiry) {
        String encodedUri = encode(resourceUri);
        long seconds = expiry.getEpochSecond();
        String signature = sign(encodedUri + "\n" + seconds, key);
        return SecretValue.of("SharedAccessSignature sr=" + encodedUri + "&sig=" + encode(signature) + "&se=" + seconds
                + "&skn=" + encode(ruleName));
    }

    /** Base64 of the HMAC-SHA256 of {@code stringToSign} keyed with {@code key}'s UTF-8 bytes. */
    public static String sign(String stringToSign, SecretValue key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
