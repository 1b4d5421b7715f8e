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
 * the README). A secret with {@code storageKeyOf} holds that account's {@code credentialId} key and is tagged for
 * storage rotation; one with {@code passwordOf} holds a new password of that application and is tagged for app
 * registration rotation; any other secret holds a random value. Expiries are days from now.
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
        Map<String, String> applications = new LinkedHashMap<>();
        for (JsonNode account : seed.path("storageAccounts")) {
            sandbox.arm.createAccount(account.path("id").asText());
        }
        for (JsonNode app : seed.path("applications")) {
            applications.put(app.path("name").asText(), sandbox.graph.createApplication(app.path("name").asText(),
                    app.path("appId").asText(java.util.UUID.randomUUID().toString())));
        }
        List<SeededSecret> seeded = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> vaults = seed.path("vaults").fields(); vaults.hasNext(); ) {
            Map.Entry<String, JsonNode> vault = vaults.next();
            sandbox.keyVault.createVault(vault.getKey());
            for (JsonNode secret : vault.getValue().path("secrets")) {
                Instant expires = now.plus(Duration.ofDays(secret.path("expiresInDays").asLong(90)));
                Map<String, String> tags = new LinkedHashMap<>();
                String value;
                if (secret.has("storageKeyOf")) {
                    String account = secret.path("storageKeyOf").asText();
                    String keyName = secret.path("credentialId").asText("key1");
                    value = sandbox.arm.key(account, keyName).orElseThrow(() -> new IllegalArgumentException(
                            "seed: no storage account " + account)).value();
                    tags.put("CredentialType", "StorageAccountKey");
                    tags.put("CredentialId", keyName);
                    tags.put("ProviderAddress", account);
                } else if (secret.has("passwordOf")) {
                    String objectId = applications.get(secret.path("passwordOf").asText());
                    if (objectId == null) {
                        throw new IllegalArgumentException("seed: no application " + secret.path("passwordOf").asText());
                    }
                    GraphStandIn.PasswordState password = sandbox.graph.addPassword(objectId, "initial secret",
                            now.minus(Duration.ofDays(500)), expires);
                    value = password.value();
                    tags.put("CredentialType", "AppRegistrationSecret");
                    tags.put("CredentialId", password.keyId());
                    tags.put("ProviderAddress", objectId);
                } else {
                    byte[] random = new byte[24];
                    RANDOM.nextBytes(random);
                    value = Base64.getEncoder().encodeToString(random);
                }
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

    public record SeededSecret(String vault, String name, String version, Instant expiresOn) {
    }
}
