package io.kvrotator.provider.containerregistry;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=ContainerRegistryPassword}: a container registry's admin user passwords, alternating
 * {@code password}/{@code password2}. Verified by: data plane (the registry's Docker Registry API, {@code GET /v2/}
 * with basic authentication). A registry whose admin user is disabled is refused at plan, terminally. No connection
 * string.
 */
public final class ContainerRegistryPasswordFactory implements ProviderFactory {

    public static final ProviderSetting LOGIN_SERVER_TEMPLATE = new ProviderSetting(
            "ROTATOR_ACR_LOGIN_SERVER_TEMPLATE", "https://{registry}.azurecr.io",
            "Registry login server with {registry} in it (the registry name in lower case), used to verify a"
                    + " regenerated admin password.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_ACR_PASSWORD_VALIDITY_DAYS", "60",
            "Lifetime of a new container registry password version when the secret has no ValidityPeriodDays tag; at"
                    + " least 1.5 times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return ContainerRegistryPasswords.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(LOGIN_SERVER_TEMPLATE, VALIDITY_DAYS);
    }

    /**
     * No built-in role is this narrow (AcrPush and the like grant data access; Contributor grants everything), so a
     * custom role: read the registry (is its admin user enabled?), list and regenerate its admin passwords.
     */
    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(ContainerRegistryPasswords.RESOURCE_TYPE,
                "kv-rotator Container Registry Credential Operator",
                List.of("Microsoft.ContainerRegistry/registries/read",
                        "Microsoft.ContainerRegistry/registries/listCredentials/action",
                        "Microsoft.ContainerRegistry/registries/regenerateCredential/action"),
                "read the registry (whether its admin user is enabled), list and regenerate the admin user's"
                        + " `password`/`password2`"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String loginServerTemplate = values.url(LOGIN_SERVER_TEMPLATE, "{registry}");
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new ContainerRegistryPasswords(
                new ArmRegistryCredentials(context.arm()),
                new DockerBasicAuthVerifier(loginServerTemplate, context.httpClient())),
                context.verifyRetry(), validity));
    }
}
