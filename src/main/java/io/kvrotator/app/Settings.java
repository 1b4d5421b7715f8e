package io.kvrotator.app;

import io.kvrotator.accessreview.AccessReviewPolicy;
import io.kvrotator.governance.ApprovalPolicy;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.rotation.ValidityPeriod;
import io.kvrotator.vault.VaultAllowList;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The app settings, read and validated once; see {@link Setting} for what each one means. */
public record Settings(
        VaultAllowList allowedVaults,
        String keyVaultUrlTemplate,
        String resourceManagerEndpoint,
        Duration nearExpiryWindow,
        int keyVaultWritesPer10s,
        int keyVaultOthersPer10s,
        int verifyAttempts,
        Duration verifyFirstDelay,
        boolean requireCallerIdentity,
        String requiredCallerRole,
        boolean platformAuthentication,
        ApprovalPolicy approvals,
        String graphEndpoint,
        NotificationSettings notifications,
        SweepSettings sweep,
        HostStorage hostStorage,
        String lockContainer,
        String deadLetterContainer,
        String eventsTopicEndpoint,
        String eventsOutboxContainer,
        Duration httpTimeout,
        ResourceScopes resourceScopes,
        Duration minimumRotationAge,
        Duration clockSkew,
        AccessReviewPolicy accessReview,
        List<ProviderFactory.Configured> providers) {

    /** Reads settings from environment-style key/value pairs; throws naming every bad setting at once. */
    public static Settings from(Map<String, String> environment) {
        SettingsReader reader = new SettingsReader(environment);
        VaultAllowList allowedVaults = reader.vaults(Setting.ALLOWED_VAULTS);
        Settings settings = new Settings(
                allowedVaults,
                reader.url(Setting.KEYVAULT_URL_TEMPLATE, "{vault}"),
                reader.url(Setting.RESOURCE_MANAGER_ENDPOINT, null),
                Duration.ofDays(reader.integer(Setting.NEAR_EXPIRY_DAYS, KEY_VAULT_EVENT_DAYS, 365)),
                reader.integer(Setting.KEYVAULT_WRITES_PER_10S, 1, 300),
                reader.integer(Setting.KEYVAULT_OTHERS_PER_10S, 1, 4000),
                reader.integer(Setting.VERIFY_ATTEMPTS, 1, 20),
                Duration.ofMillis(reader.integer(Setting.VERIFY_FIRST_DELAY_MS, 0, 60_000)),
                reader.bool(Setting.REQUIRE_CALLER_IDENTITY),
                reader.text(Setting.REQUIRED_CALLER_ROLE),
                reader.platformAuthentication(),
                reader.approvals(),
                reader.url(Setting.GRAPH_ENDPOINT, null),
                new NotificationSettingsReader(reader).read(),
                reader.sweep(),
                reader.hostStorage(),
                reader.containerName(Setting.LOCK_CONTAINER),
                reader.containerName(Setting.DEAD_LETTER_CONTAINER),
                reader.optionalUrl(Setting.EVENTS_TOPIC_ENDPOINT),
                reader.containerName(Setting.EVENTS_OUTBOX_CONTAINER),
                Duration.ofSeconds(reader.integer(Setting.HTTP_TIMEOUT_SECONDS, 1, 230)),
                reader.resourceScopes(),
                Duration.ofMinutes(reader.integer(Setting.MIN_ROTATION_AGE_MINUTES, 0, 43_200)),
                Duration.ofSeconds(reader.integer(Setting.CLOCK_SKEW_SECONDS, 0, 3600)),
                new AccessReviewSettingsReader(reader).read(allowedVaults),
                ProviderFactories.ALL.stream().map(factory -> factory.configure(reader)).toList());
        settings.checkCadence(reader.problems);
        reader.callerIdentityNeedsAuthentication(settings);
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return settings;
    }

    /** Key Vault raises SecretNearExpiry this many days before a secret expires. */
    static final int KEY_VAULT_EVENT_DAYS = 30;

    /** Validities that would put a new version inside the near-expiry window contradict that window. */
    private void checkCadence(List<String> problems) {
        Duration shortest = ValidityPeriod.shortestFor(nearExpiryWindow);
        String window = Setting.NEAR_EXPIRY_DAYS.key() + " (" + nearExpiryWindow.toDays() + " days)";
        for (ProviderFactory.Configured provider : providers) {
            if (ValidityPeriod.shortestLength(provider.defaultValidity()).compareTo(shortest) < 0) {
                problems.add(provider.validitySetting().key() + " (" + ValidityPeriod.describe(
                        provider.defaultValidity()) + ") must be at least " + shortest.toDays()
                        + " days, comfortably longer than " + window);
            }
        }
    }
}
