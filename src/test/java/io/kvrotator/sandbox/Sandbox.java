package io.kvrotator.sandbox;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.core.http.HttpClient;
import io.kvrotator.graph.GraphClients;
import io.kvrotator.provider.ProviderContext;
import io.kvrotator.support.Lazy;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.KeyVaultSecretStore;
import io.kvrotator.vault.SecretClients;
import java.time.Duration;
import io.kvrotator.app.AppContext;
import io.kvrotator.app.ProviderFactories;
import io.kvrotator.localhost.HostedApp;
import io.kvrotator.app.Setting;
import io.kvrotator.app.Settings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All loopback stand-ins, started together, and the app settings that point kv-rotator at them. What the app
 * builds from those settings is the production object graph: only the endpoints and the credential differ.
 */
public final class Sandbox implements AutoCloseable {

    /** The subscription of the sandbox's Azure resources; every sandbox vault may rotate what lies in it. */
    public static final String SUBSCRIPTION_ID = "8c4f1b2e-0000-4000-8000-00000000c0de";

    /** The Entra tenant the sandbox's app registrations live in. */
    public static final String TENANT_ID = "72f988bf-0000-4000-8000-0000000a11ce";

    /** The object ID of the function's managed identity in the sandbox (ROTATOR_IDENTITY_OBJECT_ID). */
    public static final String IDENTITY_OBJECT_ID = "0f1e2d3c-0000-4000-8000-00000000beef";

    public final KeyVaultStandIn keyVault;
    public final ArmStandIn arm;
    /** ARM's authorization endpoints and vault resources, served by {@link #arm}. */
    public final AuthorizationStandIn authorization;
    public final BlobStandIn blob;
    public final ContainerRegistryStandIn containerRegistry;
    public final BatchStandIn batch;
    public final GraphStandIn graph;
    public final EntraTokenStandIn entra;
    public final TeamsWebhookStandIn teams;
    public final EventGridTopicStandIn eventGrid;
    public final CognitiveServicesStandIn cognitive;
    public final SearchStandIn search;
    public final SasStandIn serviceBus;
    public final SasStandIn eventHubs;
    public final CosmosStandIn cosmos;
    private RedisCaches redis;
    public final SandboxCredential credential = new SandboxCredential();
    private final Clock clock;
    private static final AtomicInteger SANDBOXES = new AtomicInteger();
    private static Azurite sharedAzurite;

    /** This sandbox's containers in the shared Azurite, so sandboxes never share locks, alerts or dead letters. */
    private boolean installed;
    private final String containerSuffix = "-" + SANDBOXES.incrementAndGet();

    private Sandbox(Clock clock) {
        SandboxTls tls = SandboxTls.install();
        this.clock = clock;
        this.keyVault = new KeyVaultStandIn(tls, clock);
        this.arm = new ArmStandIn(tls, clock);
        this.authorization = new AuthorizationStandIn(clock);
        // By default the identity holds what infra grants it on every rotated resource, as the preflight lists it.
        authorization.defaultPermissions(ProviderFactories.rotationRoles().values().stream().flatMap(List::stream)
                .flatMap(role -> java.util.stream.Stream.concat(role.neededActions().stream(), role.actions().stream()))
                .distinct().toList());
        arm.route(authorization);
        this.blob = new BlobStandIn(tls, arm);
        this.containerRegistry = new ContainerRegistryStandIn(tls, arm);
        this.batch = new BatchStandIn(tls, arm, clock);
        this.graph = new GraphStandIn(tls, clock);
        this.entra = new EntraTokenStandIn(tls, graph);
        this.teams = new TeamsWebhookStandIn(tls);
        this.eventGrid = new EventGridTopicStandIn(tls);
        this.cognitive = new CognitiveServicesStandIn(tls, arm);
        this.search = new SearchStandIn(tls, arm);
        this.serviceBus = new SasStandIn("servicebus", tls, arm, SasRuleType.SERVICE_BUS, clock);
        this.eventHubs = new SasStandIn("eventhubs", tls, arm, SasRuleType.EVENT_HUBS, clock);
        this.cosmos = new CosmosStandIn(tls, arm, clock);
    }

    public static Sandbox start(Clock clock) {
        return new Sandbox(clock);
    }

    public Clock clock() {
        return clock;
    }

    public List<StandIn> standIns() {
        return List.of(keyVault, arm, blob, graph, entra, teams, eventGrid, cognitive, search, containerRegistry, batch,
                serviceBus, eventHubs, cosmos);
    }

    /** Azure Cache for Redis: its ARM keys and the JVM's real redis-server, on first use. */
    public synchronized RedisCaches redis() {
        if (redis == null) {
            redis = new RedisCaches(arm, RedisServer.shared());
        }
        return redis;
    }

    public static final String MAIL_SENDER = "kv-rotator@contoso.com";
    public static final String DEFAULT_RECIPIENTS = "secops@contoso.com";

    /**
     * App settings for the given vaults (created here if new), with verification and notification retries kept
     * short. Notices go to the Teams route {@code ops} (the default webhook) and by email from {@link #MAIL_SENDER};
     * events to the Event Grid topic stand-in.
     */
    public Map<String, String> appSettings(String... vaults) {
        for (String vault : vaults) {
            keyVault.createVault(vault);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Setting.ALLOWED_VAULTS.key(), String.join(",", vaults));
        settings.put(Setting.KEYVAULT_URL_TEMPLATE.key(), keyVault.vaultUrlTemplate());
        settings.put(Setting.RESOURCE_MANAGER_ENDPOINT.key(), arm.baseUrl() + "/");
        settings.put(Setting.VERIFY_ATTEMPTS.key(), "3");
        settings.put(Setting.VERIFY_FIRST_DELAY_MS.key(), "10");
        settings.put(Setting.GRAPH_ENDPOINT.key(), graph.graphBaseUrl());
        settings.put(Setting.TEAMS_WEBHOOK_URL.key(), teams.webhookUrl("ops"));
        settings.put(Setting.MAIL_SENDER.key(), MAIL_SENDER);
        settings.put(Setting.MAIL_DEFAULT_RECIPIENTS.key(), DEFAULT_RECIPIENTS);
        settings.put(Setting.EVENTS_TOPIC_ENDPOINT.key(), eventGrid.endpoint());
        settings.put(Setting.NOTIFY_FIRST_DELAY_MS.key(), "10");
        settings.put(Setting.HTTP_TIMEOUT_SECONDS.key(), "5");
        settings.put(Setting.RESOURCE_SCOPES.key(), resourceScopes(vaults));
        ProviderFixtures.ALL.forEach(fixture -> settings.putAll(fixture.settings(this)));
        settings.putAll(hostStorageSettings());
        return settings;
    }

    /**
     * Settings that turn the access review on for {@code vaults}, as infra writes them: each vault's resource ID (the
     * vault made an RBAC-mode ARM resource unless a test made it already) and the function's own object ID.
     */
    public Map<String, String> accessReviewSettings(String... vaults) {
        List<String> ids = java.util.Arrays.stream(vaults).map(authorization.vaults()::ensure).toList();
        return Map.of(Setting.VAULT_RESOURCE_IDS.key(), String.join(",", ids),
                Setting.IDENTITY_OBJECT_ID.key(), IDENTITY_OBJECT_ID);
    }

    /**
     * The value of {@code ROTATOR_RESOURCE_SCOPES} giving each vault the sandbox subscription and the applications the
     * Graph stand-in has now (create applications before asking for settings), as infra would write it.
     */
    public String resourceScopes(String... vaults) {
        com.fasterxml.jackson.databind.node.ObjectNode scopes = StandIn.JSON.createObjectNode();
        for (String vault : vaults) {
            com.fasterxml.jackson.databind.node.ArrayNode entries = scopes.putArray(vault);
            entries.add("/subscriptions/" + SUBSCRIPTION_ID);
            graph.applications().values().forEach(app -> entries.add("app:" + app.objectId()));
        }
        return scopes.toString();
    }

    /**
     * Azurite's blob service: the function app's own storage. One per JVM, started on first use (it takes a few
     * seconds) and stopped when the JVM exits.
     */
    public static synchronized Azurite azurite() {
        if (sharedAzurite == null) {
            Azurite started = Azurite.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            sharedAzurite = started;
        }
        return sharedAzurite;
    }

    /** Settings that give the app its own storage account (Azurite), as {@code AzureWebJobsStorage} does locally. */
    public Map<String, String> hostStorageSettings() {
        return Map.of(Setting.HOST_STORAGE.key(), azurite().connectionString(),
                Setting.LOCK_CONTAINER.key(), "rotation-locks" + containerSuffix,
                Setting.NOTIFICATION_STATE_CONTAINER.key(), "notification-state" + containerSuffix,
                Setting.DEAD_LETTER_CONTAINER.key(), "eventgrid-deadletter" + containerSuffix,
                Setting.EVENTS_OUTBOX_CONTAINER.key(), "events-outbox" + containerSuffix);
    }

    /** This sandbox's event outbox in Azurite: the events the topic did not take, until they are sent. */
    public BlobContainerClient eventsOutbox() {
        BlobContainerClient container = azurite().client().getBlobContainerClient(
                hostStorageSettings().get(Setting.EVENTS_OUTBOX_CONTAINER.key()));
        container.createIfNotExists();
        return container;
    }

    /** This sandbox's dead-letter container in Azurite, created as Bicep creates it, for Event Grid to write to. */
    public BlobContainerClient deadLetterContainer() {
        BlobContainerClient container = azurite().client().getBlobContainerClient(
                hostStorageSettings().get(Setting.DEAD_LETTER_CONTAINER.key()));
        container.createIfNotExists();
        return container;
    }

    /**
     * Builds the production composition root over the stand-ins and installs it where the function classes find
     * it, as the Functions runtime would; {@link #close()} uninstalls it. When the local host serves the packaged
     * artefact ({@link HostedApp}), the package's own context is built and installed too, from the same settings.
     */
    public AppContext install(Map<String, String> settings) {
        AppContext context = appContext(settings);
        AppContext.install(context);
        installed = true;
        HostedApp.current().install(settings, credential, clock);
        return context;
    }

    /**
     * What the app builds its providers from, over the stand-ins and {@code settings}, with verification retried
     * briefly: for tests that build one provider through its registered factory.
     */
    public ProviderContext providerContext(Settings settings) {
        HttpClient http = HttpClient.createDefault();
        return new ProviderContext(credential, http, settings.resourceManagerEndpoint(), settings.graphEndpoint(),
                Lazy.of(() -> GraphClients.create(settings.graphEndpoint(), credential, Duration.ofSeconds(30))),
                new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5), duration -> { }), clock,
                new KeyVaultSecretStore(new SecretClients(settings.keyVaultUrlTemplate(), credential, http, 300, 4000)));
    }

    /** Key Vault's clients as the app builds them, over the stand-in, with Key Vault's default per-vault limits. */
    public SecretClients secretClients() {
        return new SecretClients(keyVault.vaultUrlTemplate(), credential, HttpClient.createDefault(), 300, 4000);
    }

    /** The production composition root over the stand-ins. */
    public AppContext appContext(Map<String, String> settings) {
        return AppContext.fromSettings(settings, credential, clock);
    }

    public void resetFaults() {
        standIns().forEach(standIn -> standIn.faults(Faults.none()));
    }

    @Override
    public synchronized void close() {
        if (installed) {
            AppContext.install(null);
            HostedApp.current().uninstall();
        }
        standIns().forEach(StandIn::close);
        if (redis != null) {
            redis.close();
        }
    }
}
