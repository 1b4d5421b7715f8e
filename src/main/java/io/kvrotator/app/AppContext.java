package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.storage.blob.BlobContainerClient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.kvrotator.accessreview.AccessReview;
import io.kvrotator.accessreview.ArmRbac;
import io.kvrotator.accessreview.GraphUserDirectory;
import io.kvrotator.accessreview.PermissionPreflight;
import io.kvrotator.api.AccessReviewApi;
import io.kvrotator.api.ApprovalApi;
import io.kvrotator.api.BlobIdempotencyRecords;
import io.kvrotator.api.CallerPolicy;
import io.kvrotator.api.DeadLetterApi;
import io.kvrotator.api.IdempotencyRecords;
import io.kvrotator.api.InProcessIdempotencyRecords;
import io.kvrotator.api.SecretApi;
import io.kvrotator.event.BlobDeadLetterStore;
import io.kvrotator.event.DeadLetterReplay;
import io.kvrotator.event.KeyVaultEventHandler;
import io.kvrotator.event.KeyVaultEventParser;
import io.kvrotator.governance.BlobApprovalRequests;
import io.kvrotator.governance.InProcessApprovalRequests;
import io.kvrotator.governance.TwoPersonApprovals;
import io.kvrotator.graph.GraphClients;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.notify.Notifier;
import io.kvrotator.notify.PortalLinks;
import io.kvrotator.notify.email.GraphMailNotifier;
import io.kvrotator.notify.email.MailRenderer;
import io.kvrotator.notify.teams.AdaptiveCards;
import io.kvrotator.notify.teams.TeamsNotifier;
import io.kvrotator.provider.ProviderContext;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.rotation.BlobToldFailures;
import io.kvrotator.rotation.BlobLeaseRotationLock;
import io.kvrotator.rotation.BoundedRotationLock;
import io.kvrotator.rotation.ChangeImpacts;
import io.kvrotator.rotation.ToldFailures;
import io.kvrotator.rotation.InProcessToldFailures;
import io.kvrotator.rotation.InProcessRotationLock;
import io.kvrotator.rotation.OverdueCredentials;
import io.kvrotator.rotation.Retirer;
import io.kvrotator.rotation.Revoker;
import io.kvrotator.rotation.RotationLock;
import io.kvrotator.rotation.RotationPolicy;
import io.kvrotator.rotation.RotationProviders;
import io.kvrotator.rotation.Rotator;
import io.kvrotator.support.Lazy;
import io.kvrotator.support.Retry;
import io.kvrotator.sweep.AlertThresholds;
import io.kvrotator.sweep.AppRegistrationItems;
import io.kvrotator.sweep.BlobNotificationLedger;
import io.kvrotator.sweep.ExpiryScanner;
import io.kvrotator.sweep.ExpirySweep;
import io.kvrotator.sweep.ItemSource;
import io.kvrotator.sweep.KeyVaultItems;
import io.kvrotator.sweep.NotificationLedger;
import io.kvrotator.vault.KeyVaultCertificates;
import io.kvrotator.vault.KeyVaultSecretStore;
import io.kvrotator.vault.SecretClients;
import io.kvrotator.vault.SecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: builds the object graph once per worker. SDK clients inside it are built on first use,
 * so a cold start pays only for what its first invocation needs.
 */
public final class AppContext {

    private static final System.Logger LOG = System.getLogger(AppContext.class.getName());
    private static volatile AppContext current;

    private final Lazy<GraphServiceClient> graph;
    private final NoticeDispatcher notices;
    private final KeyVaultEventHandler keyVaultEvents;
    private final SecretApi secretApi;
    private final ApprovalApi approvalApi;
    private final DeadLetterApi deadLetterApi;
    private final AccessReviewApi accessReviewApi;
    private final ExpiryScanner expiryScanner;
    private final ExpirySweep expirySweep;

    public AppContext(Settings settings, TokenCredential credential, Clock clock) {
        this(settings, credential, clock, null);
    }

    /**
     * @param lock the rotation lock to share with other contexts in this JVM (hosts that run several workers in one
     *             process); null: a blob lease in the function app's own storage, as in Azure
     */
    public AppContext(Settings settings, TokenCredential credential, Clock clock, RotationLock lock) {
        AppHttpClient.BuiltOnFirstRequest httpClient = AppHttpClient.create(settings.httpTimeout());
        SecretClients secretClients = new SecretClients(settings.keyVaultUrlTemplate(), credential, httpClient,
                settings.keyVaultWritesPer10s(), settings.keyVaultOthersPer10s());
        SecretStore secrets = new KeyVaultSecretStore(secretClients);
        this.graph = Lazy.of(() -> GraphClients.create(settings.graphEndpoint(), credential, settings.httpTimeout()));
        Retry verifyRetry = Retry.withBackoff(settings.verifyAttempts(), settings.verifyFirstDelay(),
                Duration.ofSeconds(30));
        ProviderContext providerContext = new ProviderContext(credential, httpClient,
                settings.resourceManagerEndpoint(), settings.graphEndpoint(), graph, verifyRetry, clock, secrets);
        ProviderRegistry providers = ProviderRegistry.builtOnFirstUse(settings.providers(), providerContext);
        this.notices = new NoticeDispatcher(channels(settings, httpClient, clock),
                settings.notifications().attempts(), settings.notifications().firstDelay(),
                duration -> Thread.sleep(duration.toMillis()));
        OutcomeEvents events = EventPublishing.create(settings, credential, httpClient, notices);
        HostStorage host = settings.hostStorage();
        Lazy<BlobContainerClient> lockContainer = Lazy.of(() -> host.container(settings.lockContainer(), credential,
                httpClient));
        WarmUp.start(httpClient::build, secretClients, List.copyOf(settings.allowedVaults().vaults()),
                host.configured() ? Optional.of(lockContainer) : Optional.empty(),
                settings.notifications().mailSender().map(sender -> graph));
        if (!host.configured()) {
            LOG.log(System.Logger.Level.WARNING, "no storage account of its own (AzureWebJobsStorage): the rotation"
                    + " lock holds within this worker only");
        }
        lock = BoundedRotationLock.perCore(lock != null ? lock : host.configured()
                ? new BlobLeaseRotationLock(lockContainer) : new InProcessRotationLock(), Duration.ofSeconds(20));
        ToldFailures failing = host.configured() ? new BlobToldFailures(lockContainer) : new InProcessToldFailures();
        RotationProviders rotationProviders = new RotationProviders(providers, settings.resourceScopes());
        RotationPolicy policy = new RotationPolicy(settings.nearExpiryWindow().plus(settings.clockSkew()),
                settings.minimumRotationAge());
        Rotator rotator = new Rotator(secrets, rotationProviders, lock, notices, policy, failing, events, clock);
        this.keyVaultEvents = new KeyVaultEventHandler(new KeyVaultEventParser(), settings.allowedVaults(), rotator);
        this.expiryScanner = new ExpiryScanner(itemSources(settings, secrets,
                new KeyVaultCertificates(secretClients)), clock,
                ExpiryScanner.DEFAULT_CONCURRENCY, settings.notifications().mailSender()
                .map(sender -> settings.notifications().mailAllowedDomains()));
        CallerPolicy callerPolicy = new CallerPolicy(settings.platformAuthentication(),
                settings.requireCallerIdentity(), settings.requiredCallerRole());
        IdempotencyRecords idempotencyRecords = host.configured() ? new BlobIdempotencyRecords(lockContainer, clock)
                : new InProcessIdempotencyRecords(clock);
        ArmRbac rbac = new ArmRbac(providerContext.arm());
        AccessReview accessReview = new AccessReview(rbac, new GraphUserDirectory(graph), settings.accessReview(),
                clock);
        this.accessReviewApi = new AccessReviewApi(accessReview, settings.allowedVaults(), callerPolicy);
        this.secretApi = new SecretApi(rotator, new PermissionPreflight(rbac, ProviderFactories.rotationRoles()),
                expiryScanner, settings.allowedVaults(), callerPolicy, idempotencyRecords, clock);
        this.approvalApi = new ApprovalApi(new TwoPersonApprovals(host.configured()
                ? new BlobApprovalRequests(lockContainer) : new InProcessApprovalRequests(),
                new ChangeImpacts(secrets, rotationProviders, policy, clock),
                new Revoker(secrets, rotationProviders, lock, notices, events, policy, verifyRetry, clock),
                new Retirer(secrets, rotationProviders, lock, notices, events, policy, verifyRetry, clock), notices,
                settings.approvals(), clock), settings.allowedVaults(), callerPolicy, idempotencyRecords, clock);
        this.deadLetterApi = new DeadLetterApi(new DeadLetterReplay(new BlobDeadLetterStore(Lazy.of(() ->
                host.container(settings.deadLetterContainer(), credential, httpClient))), keyVaultEvents, clock),
                callerPolicy);
        NotificationLedger ledger = new BlobNotificationLedger(
                () -> host.container(settings.sweep().stateContainer(), credential, httpClient));
        this.expirySweep = new ExpirySweep(expiryScanner, new AlertThresholds(settings.sweep().thresholdDays()),
                ledger, notices, events, rotator, policy.nearExpiryWindow(),
                secrets, new OverdueCredentials(secrets, rotationProviders, lock)::retire, accessReview);
    }

    /** The context of this worker, built from the app settings and the managed identity on first use. */
    public static AppContext get() {
        AppContext context = current;
        if (context == null) {
            synchronized (AppContext.class) {
                if (current == null) {
                    current = fromSettings(System.getenv(), AppCredential.from(System.getenv()), Clock.systemUTC());
                }
                context = current;
            }
        }
        return context;
    }

    /** A context built from app settings; the JDK's TLS stack warms up in the background while they are read. */
    public static AppContext fromSettings(Map<String, String> settings, TokenCredential credential, Clock clock) {
        WarmUp.tls();
        WarmUp.json();
        return new AppContext(Settings.from(settings), credential, clock);
    }

    /** Replaces the context, for hosts other than the Functions runtime (the local sandbox host, tests). */
    public static void install(AppContext context) {
        current = context;
    }

    /** The Microsoft Graph client, built on first use: a worker that only rotates storage keys never builds it. */
    public Lazy<GraphServiceClient> graph() {
        return graph;
    }

    public NoticeDispatcher notices() {
        return notices;
    }

    public KeyVaultEventHandler keyVaultEvents() {
        return keyVaultEvents;
    }

    public SecretApi secretApi() {
        return secretApi;
    }

    /** Revocation and retirement under the two-person rule. */
    public ApprovalApi approvalApi() {
        return approvalApi;
    }

    public DeadLetterApi deadLetterApi() {
        return deadLetterApi;
    }

    /** Who can read each managed vault's secrets. */
    public AccessReviewApi accessReviewApi() {
        return accessReviewApi;
    }

    /** Lists what expires, changing nothing: for {@code GET /api/expiries}. */
    public ExpiryScanner expiryScanner() {
        return expiryScanner;
    }

    public ExpirySweep expirySweep() {
        return expirySweep;
    }

    private List<ItemSource> itemSources(Settings settings, SecretStore secrets, KeyVaultCertificates certificates) {
        List<ItemSource> sources = new ArrayList<>();
        settings.allowedVaults().vaults().forEach(vault ->
                sources.add(new KeyVaultItems(vault, secrets, certificates)));
        SweepSettings.Applications applications = settings.sweep().applications();
        if (!applications.none()) {
            sources.add(new AppRegistrationItems(graph, applications.objectIds()));
        }
        return sources;
    }

    /** Teams first (where operations staff look), then email; with neither configured, notices are only logged. */
    private List<Notifier> channels(Settings settings, HttpClient httpClient, Clock clock) {
        NotificationSettings notify = settings.notifications();
        PortalLinks links = new PortalLinks(notify.portalUrl(), settings.keyVaultUrlTemplate());
        List<Notifier> channels = new ArrayList<>();
        if (notify.teamsEnabled()) {
            channels.add(new TeamsNotifier(notify.teamsWebhook(), notify.teamsRoutes(),
                    new AdaptiveCards(links, clock), httpClient));
        }
        notify.mailSender().ifPresent(sender -> channels.add(new GraphMailNotifier(graph, sender,
                notify.mailDefaultRecipients(), notify.mailAllowedDomains(), new MailRenderer(links, clock))));
        return channels;
    }
}
