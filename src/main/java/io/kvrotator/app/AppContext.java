package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.kvrotator.api.SecretApi;
import io.kvrotator.event.KeyVaultEventParser;
import io.kvrotator.graph.GraphClients;
import io.kvrotator.notify.LogNotifier;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.appregistration.AppRegistrationSecretProvider;
import io.kvrotator.provider.appregistration.ClientSecretVerifier;
import io.kvrotator.provider.appregistration.EntraClientSecretVerifier;
import io.kvrotator.provider.appregistration.GraphAppPasswords;
import io.kvrotator.provider.appregistration.PasswordRetirement;
import io.kvrotator.provider.storage.ArmStorageKeys;
import io.kvrotator.provider.storage.BlobStorageKeyVerifier;
import io.kvrotator.provider.storage.StorageAccountKeyProvider;
import io.kvrotator.rotation.InProcessRotationLock;
import io.kvrotator.rotation.KeyVaultEventHandler;
import io.kvrotator.rotation.Revoker;
import io.kvrotator.rotation.RotationLock;
import io.kvrotator.rotation.RotationPolicy;
import io.kvrotator.rotation.Rotator;
import io.kvrotator.support.Lazy;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.KeyVaultSecretStore;
import io.kvrotator.vault.SecretClients;
import io.kvrotator.vault.SecretStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The composition root: builds the object graph once per worker. SDK clients inside it are built on first use,
 * so a cold start pays only for what its first invocation needs.
 */
public final class AppContext {

    private static volatile AppContext current;

    private final Settings settings;
    private final SecretStore secrets;
    private final Lazy<GraphServiceClient> graph;
    private final AppRegistrationSecretProvider appRegistrationSecrets;
    private final Rotator rotator;
    private final KeyVaultEventHandler keyVaultEvents;
    private final SecretApi secretApi;

    public AppContext(Settings settings, TokenCredential credential, HttpClient httpClient, Clock clock) {
        this.settings = settings;
        this.secrets = new KeyVaultSecretStore(
                new SecretClients(settings.keyVaultUrlTemplate(), credential, httpClient,
                        settings.keyVaultWritesPer10s(), settings.keyVaultOthersPer10s()));
        this.graph = new Lazy<>(() -> GraphClients.create(settings.graphEndpoint(), credential));
        Retry verifyRetry = Retry.withBackoff(settings.verifyAttempts(), settings.verifyFirstDelay(),
                Duration.ofSeconds(30));
        this.appRegistrationSecrets = new AppRegistrationSecretProvider(
                new GraphAppPasswords(graph),
                settings.entraTenantId().<ClientSecretVerifier>map(tenant -> new EntraClientSecretVerifier(
                                settings.entraAuthorityHost(), tenant, GraphClients.defaultScope(settings.graphEndpoint()),
                                httpClient))
                        .orElse(ClientSecretVerifier.unavailable(Setting.ENTRA_TENANT_ID.key()
                                + " is not set: set it to the tenant ID of the app registrations")),
                verifyRetry, settings.appSecretValidity(), new PasswordRetirement(settings.appSecretOverlap()), clock);
        ProviderRegistry providers = new ProviderRegistry(List.of(
                new StorageAccountKeyProvider(
                        new ArmStorageKeys(settings.resourceManagerEndpoint(), credential, httpClient),
                        new BlobStorageKeyVerifier(settings.storageBlobEndpointTemplate(), httpClient),
                        verifyRetry,
                        settings.storageKeyValidity()),
                appRegistrationSecrets));
        NoticeDispatcher notices = new NoticeDispatcher(List.of(new LogNotifier()));
        RotationLock lock = new InProcessRotationLock();
        this.rotator = new Rotator(secrets, providers, lock, notices, new RotationPolicy(settings.nearExpiryWindow()),
                clock);
        this.keyVaultEvents = new KeyVaultEventHandler(new KeyVaultEventParser(), settings.allowedVaults(), rotator);
        this.secretApi = new SecretApi(rotator, new Revoker(rotator, secrets, providers, lock, notices, clock),
                settings.allowedVaults(), new SecretApi.CallerPolicy(settings.requireCallerIdentity(),
                settings.requiredCallerRole()), clock);
    }

    /** The context of this worker, built from the app settings and the managed identity on first use. */
    public static AppContext get() {
        AppContext context = current;
        if (context == null) {
            synchronized (AppContext.class) {
                if (current == null) {
                    current = new AppContext(Settings.from(System.getenv()),
                            new DefaultAzureCredentialBuilder().build(), HttpClient.createDefault(), Clock.systemUTC());
                }
                context = current;
            }
        }
        return context;
    }

    /** Replaces the context, for hosts other than the Functions runtime (the local sandbox host, tests). */
    public static void install(AppContext context) {
        current = context;
    }

    public Settings settings() {
        return settings;
    }

    public SecretStore secrets() {
        return secrets;
    }

    /** The Microsoft Graph client, built on first use: a worker that only rotates storage keys never builds it. */
    public Lazy<GraphServiceClient> graph() {
        return graph;
    }

    /** The app registration secret provider, whose {@code retireOverdue} the daily sweep calls. */
    public AppRegistrationSecretProvider appRegistrationSecrets() {
        return appRegistrationSecrets;
    }

    public Rotator rotator() {
        return rotator;
    }

    public KeyVaultEventHandler keyVaultEvents() {
        return keyVaultEvents;
    }

    public SecretApi secretApi() {
        return secretApi;
    }
}
