package io.kvrotator.provider.appregistration;

import io.kvrotator.graph.GraphClients;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/** {@code CredentialType=AppRegistrationSecret}: Entra app registration client secrets, through Microsoft Graph. */
public final class AppRegistrationSecretFactory implements ProviderFactory {

    public static final ProviderSetting AUTHORITY_HOST = new ProviderSetting("ROTATOR_ENTRA_AUTHORITY_HOST",
            "https://login.microsoftonline.com", "Entra ID authority host where a new app secret is proved by"
            + " acquiring a token with it; change only for a national cloud.");
    public static final ProviderSetting TENANT_ID = new ProviderSetting("ROTATOR_ENTRA_TENANT_ID", "",
            "Tenant ID of the app registrations whose secrets are rotated; needed only for AppRegistrationSecret"
                    + " secrets, which fail without it.");
    public static final ProviderSetting VALIDITY_MONTHS = new ProviderSetting("ROTATOR_APP_SECRET_VALIDITY_MONTHS",
            "18", "Lifetime of a new app registration password when the secret has no ValidityPeriodDays tag.");
    public static final ProviderSetting OVERLAP_DAYS = new ProviderSetting("ROTATOR_APP_SECRET_OVERLAP_DAYS", "7",
            "How long the password a rotated version replaced keeps working before kv-rotator removes it.");

    @Override
    public String credentialType() {
        return AppRegistrationSecretProvider.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(AUTHORITY_HOST, TENANT_ID, VALIDITY_MONTHS, OVERLAP_DAYS);
    }

    /** None: the function is made an owner of each application (Graph), not given an Azure role. */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of();
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_MONTHS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String authorityHost = values.url(AUTHORITY_HOST, null);
        Optional<String> tenant = values.tenant(TENANT_ID);
        Period validity = Period.ofMonths(values.integer(VALIDITY_MONTHS, 1, 24));
        Duration overlap = Duration.ofDays(values.integer(OVERLAP_DAYS, 1, 90));
        return configured(validity, context -> new AppRegistrationSecretProvider(
                new GraphAppPasswords(context.graph()),
                tenant.<ClientSecretVerifier>map(id -> new EntraClientSecretVerifier(authorityHost, id,
                                GraphClients.defaultScope(context.graphEndpoint()), context.httpClient()))
                        .orElse(ClientSecretVerifier.unavailable(TENANT_ID.key()
                                + " is not set: set it to the tenant ID of the app registrations")),
                context.verifyRetry(), validity, new PasswordRetirement(overlap), context.clock()));
    }
}
