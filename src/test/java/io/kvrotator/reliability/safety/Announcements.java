package io.kvrotator.reliability.safety;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.reliability.safety.Scenario.Secret;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * I8, one {@code rotated} event per rotation: every rotation answered as done is announced (at the topic, or held in
 * the outbox while the topic is down); no new version is announced under two ids (a retry, a redelivery or the
 * outbox reuses the id); and no event announces a version that no rotation of its secret stored.
 */
final class Announcements {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROTATED = "io.kvrotator.secret.rotated";

    private final World world;
    private final Scenario scenario;
    private final Set<String> announcedRotations = new TreeSet<>();

    Announcements(World world, Scenario scenario) {
        this.world = world;
        this.scenario = scenario;
    }

    List<String> check(Runner.Observed observed) {
        List<String> violations = new ArrayList<>();
        Map<String, Set<String>> idsByVersion = new TreeMap<>();
        for (JsonNode event : rotatedEvents()) {
            JsonNode data = event.path("data");
            String newVersion = data.path("newVersion").asText();
            idsByVersion.computeIfAbsent(newVersion, version -> new TreeSet<>()).add(event.path("id").asText());
            if (!storedByARotation(data)) {
                violations.add("I8 an event announces version " + newVersion + " of " + data.path("secret").asText()
                        + ", which no rotation of it stored");
            }
        }
        idsByVersion.forEach((version, ids) -> {
            if (ids.size() > 1) {
                violations.add("I8 the rotation to version " + version + " was announced under " + ids.size()
                        + " ids: " + ids);
            }
        });
        announcedRotations.addAll(observed.rotatedVersions);
        announcedRotations.stream().filter(version -> !idsByVersion.containsKey(version)).forEach(version ->
                violations.add("I8 the rotation to version " + version + " answered as done but was never announced"
                        + " (not at the topic, not in the outbox)"));
        return violations;
    }

    /** This scenario's rotated events, sent or held. */
    private List<JsonNode> rotatedEvents() {
        List<JsonNode> events = new ArrayList<>(world.sandbox.eventGrid.events(ROTATED));
        BlobContainerClient outbox = world.sandbox.eventsOutbox();
        outbox.listBlobs(new ListBlobsOptions().setPrefix("held/"), null).forEach(blob -> {
            try {
                events.add(JSON.readTree(outbox.getBlobClient(blob.getName()).downloadContent().toBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (BlobStorageException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
                // sent and removed since the listing: it is at the topic now
            }
        });
        return events.stream().filter(event -> event.path("type").asText().equals(ROTATED)
                && event.path("subject").asText().startsWith(scenario.vault + "/")).toList();
    }

    private boolean storedByARotation(JsonNode data) {
        Secret secret = Scenario.named(data.path("secret").asText());
        return world.sandbox.keyVault.versions(scenario.vault, Scenario.name(secret)).stream()
                .filter(version -> version.version().equals(data.path("newVersion").asText()))
                .map(VersionView::tags)
                .anyMatch(tags -> data.path("previousVersion").asText().equals(tags.get("PreviousVersion")));
    }
}
