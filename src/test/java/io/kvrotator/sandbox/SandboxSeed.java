package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the sandbox from a seed file (format: {@code src/test/resources/sandbox/default-seed.json}, described in
 * the README). Each provider fixture creates the resources it finds in the file and gives the value and tags of the
 * secrets that belong to it (storage: {@code storageKeyOf}; app registrations: {@code passwordOf}); any other
 * secret holds a random value. Expiries are days from now.
 */
public final class SandboxSeed {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxSeed() {
    }

    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(Files.readString(file));
    }

    public static JsonNode defaultSeed() throws IOException {
        try (InputStream in = SandboxSeed.class.getResourceAsStream("/sandbox/default-seed.json")) {
            return JSON.readTree(in);
        }
    }

    /** Seeds the sandbox; returns the seeded secrets, each with the version it starts at. */
    public static List<SeededSecret> apply(JsonNode seed, Sandbox sandbox, Clock clock) {
        Instant now = clock.instant();
        ProviderFixtures.ALL.forEach(fixture -> fixture.createSeedResources(seed, sandbox));
        List<SeededSecret> seeded = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> vaults = seed.path("vaults").fields(); vaults.hasNext(); ) {
            Map.Entry<String, JsonNode> vault = vaults.next();
            sandbox.keyVault.createVault(vault.getKey());
            for (JsonNode secret : vault.getValue().path("secrets")) {
                Instant expires = now.plus(Duration.ofDays(secret.path("expiresInDays").asLong(90)));
                Map<String, String> tags = new LinkedHashMap<>();
                String value = ProviderFixtures.ALL.stream()
                        .flatMap(fixture -> fixture.seedValue(secret, sandbox, now, expires).stream()).findFirst()
                        .map(seedValue -> {
                            tags.putAll(seedValue.tags());
                            return seedValue.value();
                        }).orElseGet(SandboxSeed::randomValue);
                secret.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                String name = secret.path("name").asText();
                String version = sandbox.keyVault.seedSecret(vault.getKey(), name, value, tags,
                        now.minus(Duration.ofDays(30)), expires);
                seeded.add(new SeededSecret(vault.getKey(), name, version, expires));
            }
            for (JsonNode certificate : vault.getValue().path("certificates")) {
                Map<String, String> tags = new LinkedHashMap<>();
                certificate.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
                sandbox.keyVault.seedCertificate(vault.getKey(), certificate.path("name").asText(),
                        now.minus(Duration.ofDays(300)),
                        now.plus(Duration.ofDays(certificate.path("expiresInDays").asLong(90))), tags);
            }
        }
        return seeded;
    }

    private static String randomValue() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    public record SeededSecret(String vault, String name, String version, Instant expiresOn) {
    }
}
