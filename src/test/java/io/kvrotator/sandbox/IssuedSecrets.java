package io.kvrotator.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import io.kvrotator.vault.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every secret value the sandbox ever issued or stored in this JVM, so a leak check can look for each of them. */
public final class IssuedSecrets {

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    /** A password inside a value (JSON {@code "password": "..."}, or libpq's {@code password=...}): leaked alone too. */
    private static final Pattern PASSWORD = Pattern.compile(
            "\"password\"\\s*:\\s*\"([^\"\\\\]+)\"|(?:^|\\s)password\\s*=\\s*([^\\s']+)");
    private static final long BASE = 1_000_003L;
    private static final int FILTER_BITS = 1 << 20;

    private IssuedSecrets() {
    }

    public static void record(String value) {
        if (value != null && value.length() >= 8) {
            VALUES.add(value);
            Matcher password = PASSWORD.matcher(value);
            while (password.find()) {
                record(password.group(1) != null ? password.group(1) : password.group(2));
            }
        }
    }

    /** A value recorded here whose fingerprint ({@code SecretValue.fingerprintOf}) is {@code fingerprint}. */
    public static Optional<String> withFingerprint(String fingerprint) {
        return VALUES.stream().filter(value -> SecretValue.fingerprintOf(value).equals(fingerprint)).findFirst();
    }

    /**
     * The values found in {@code text}; empty when it leaks none. One rolling-hash pass per distinct value length
     * instead of one search per value: a burst issues thousands of values and says megabytes of notices.
     */
    public static List<String> foundIn(String text) {
        Map<Integer, List<String>> byLength = new HashMap<>();
        VALUES.forEach(value -> byLength.computeIfAbsent(value.length(), length -> new ArrayList<>()).add(value));
        Set<String> found = new LinkedHashSet<>();
        byLength.forEach((length, values) -> found.addAll(occurring(values, length, text)));
        return List.copyOf(found);
    }

    public static int count() {
        return VALUES.size();
    }

    private static List<String> occurring(List<String> values, int length, String text) {
        if (text.length() < length) {
            return List.of();
        }
        Map<Long, List<String>> byHash = new HashMap<>();
        long[] filter = new long[FILTER_BITS / 64];
        for (String value : values) {
            long hash = hash(value, length);
            byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(value);
            int bit = filterBit(hash);
            filter[bit >>> 6] |= 1L << bit;
        }
        long highest = 1;
        for (int i = 1; i < length; i++) {
            highest *= BASE;
        }
        List<String> found = new ArrayList<>();
        long hash = hash(text, length);
        for (int at = 0; ; at++) {
            int bit = filterBit(hash);
            if ((filter[bit >>> 6] & (1L << bit)) != 0) {
                for (String value : byHash.getOrDefault(hash, List.of())) {
                    if (text.startsWith(value, at)) {
                        found.add(value);
                    }
                }
            }
            if (at + length >= text.length()) {
                return found;
            }
            hash = (hash - text.charAt(at) * highest) * BASE + text.charAt(at + length);
        }
    }

    /** The hash of the first {@code length} characters; arithmetic wraps modulo 2^64, which the rolling update keeps. */
    private static long hash(String text, int length) {
        long hash = 0;
        for (int i = 0; i < length; i++) {
            hash = hash * BASE + text.charAt(i);
        }
        return hash;
    }

    private static int filterBit(long hash) {
        return (int) (hash >>> 44);
    }
}
