package io.kvrotator.provider;

import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.function.Function;

/**
 * One credential type: its tag value, the settings only it reads, and how its provider is built. Every factory is
 * registered in one list ({@code app.ProviderFactories}); nothing else names a credential type.
 */
public interface ProviderFactory {

    /** The {@code CredentialType} tag value, e.g. {@code StorageAccountKey}. */
    String credentialType();

    /** The settings {@link #configure} reads, for the settings template, the README and the infra checks. */
    List<ProviderSetting> settings();

    /**
     * The roles the function needs on each resource this provider rotates, assigned per listed resource by infra;
     * empty when access is granted outside Azure RBAC (app registrations: Graph ownership).
     */
    List<RotationRole> rotationRoles();

    /** The setting giving a new version's default lifetime; start-up checks it against the near-expiry window. */
    ProviderSetting validitySetting();

    /** Reads and checks this provider's settings; problems are recorded by {@code values}. */
    Configured configure(SettingValues values);

    default Configured configured(TemporalAmount defaultValidity,
                                  Function<ProviderContext, CredentialProvider<?>> builder) {
        return new Configured(credentialType(), validitySetting(), defaultValidity, builder);
    }

    /**
     * A provider's settings, read: its default validity (checked at start-up) and how to build it, later, from the
     * shared context.
     */
    record Configured(String credentialType, ProviderSetting validitySetting, TemporalAmount defaultValidity,
                      Function<ProviderContext, CredentialProvider<?>> builder) {

        public CredentialProvider<?> build(ProviderContext context) {
            return builder.apply(context);
        }
    }
}
