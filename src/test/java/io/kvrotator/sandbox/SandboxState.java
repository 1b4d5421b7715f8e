package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import java.time.Instant;
import java.util.Map;

/**
 * A read-only JSON view of every stand-in's state, with values only as fingerprints (the first 16 hex digits of
 * their SHA-256), so equal values can be matched without ever showing one. Times are ISO-8601 UTC.
 */
public final class SandboxState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxState() {
    }

    public static JsonNode of(Sandbox sandbox) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode vaults = root.putObject("vaults");
        for (String vault : sandbox.keyVault.vaultNames()) {
            ObjectNode vaultNode = vaults.putObject(vault);
            ObjectNode secrets = vaultNode.putObject("secrets");
            sandbox.keyVault.secrets(vault).forEach((name, versions) -> {
                ArrayNode list = secrets.putObject(name).putArray("versions");
                versions.forEach(version -> {
                    ObjectNode node = list.addObject().put("version", version.version())
                            .put("fingerprint", version.fingerprint()).put("enabled", version.enabled());
                    time(node, "exp", version.expiresOn());
                    time(node, "nbf", version.notBefore());
                    time(node, "created", version.created());
                    node.set("tags", JSON.valueToTree(version.tags()));
                });
            });
            ObjectNode certificates = vaultNode.putObject("certificates");
            sandbox.keyVault.certificates(vault).forEach((name, cert) -> {
                ObjectNode node = certificates.putObject(name);
                time(node, "exp", cert.expiresOn());
                time(node, "nbf", cert.notBefore());
                time(node, "created", cert.created());
                node.set("tags", JSON.valueToTree(cert.tags()));
            });
        }
        keys(root.putObject("storageAccounts"), sandbox.arm.accounts());
        keys(root.putObject("keyedResources"), sandbox.arm.keyedResources());
        ObjectNode applications = root.putObject("applications");
        sandbox.graph.applications().forEach((objectId, app) -> {
            ObjectNode node = applications.putObject(objectId).put("appId", app.appId())
                    .put("displayName", app.displayName());
            ArrayNode passwords = node.putArray("passwords");
            app.passwords().forEach(password -> {
                ObjectNode entry = passwords.addObject().put("keyId", password.keyId())
                        .put("fingerprint", password.fingerprint()).put("displayName", password.displayName());
                time(entry, "startDateTime", password.startDateTime());
                time(entry, "endDateTime", password.endDateTime());
            });
        });
        ObjectNode notifications = root.putObject("notifications");
        ArrayNode teams = notifications.putArray("teams");
        sandbox.teams.posted().forEach(post -> teams.add(post.json() != null ? post.json() : JSON.getNodeFactory().textNode(post.text())));
        ArrayNode email = notifications.putArray("email");
        sandbox.graph.sentMail().forEach(mail -> email.add(mail.body()));
        ArrayNode events = root.putArray("events");
        sandbox.eventGrid.events().forEach(events::add);
        return root;
    }

    private static void keys(ObjectNode resources, Map<String, Map<String, KeyState>> keysById) {
        keysById.forEach((id, keys) -> {
            ObjectNode resource = resources.putObject(id);
            keys.forEach((name, key) -> {
                ObjectNode node = resource.putObject(name).put("fingerprint", key.fingerprint());
                time(node, "regeneratedAt", key.regeneratedAt());
            });
        });
    }

    private static void time(ObjectNode node, String field, Instant instant) {
        if (instant == null) {
            node.putNull(field);
        } else {
            node.put(field, instant.toString());
        }
    }
}
