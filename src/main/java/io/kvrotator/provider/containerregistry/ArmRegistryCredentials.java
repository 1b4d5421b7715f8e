package io.kvrotator.provider.containerregistry;

import com.azure.resourcemanager.containerregistry.ContainerRegistryManager;
import com.azure.resourcemanager.containerregistry.fluent.RegistriesClient;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryInner;
import com.azure.resourcemanager.containerregistry.fluent.models.RegistryListCredentialsResultInner;
import com.azure.resourcemanager.containerregistry.models.PasswordName;
import com.azure.resourcemanager.containerregistry.models.RegenerateCredentialParameters;
import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmManagers;
import io.kvrotator.provider.ArmRetryPolicy;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.vault.SecretValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RegistryCredentials} over {@code azure-resourcemanager-containerregistry}; one manager per subscription,
 * built on use. Listing reads the registry first ({@code Microsoft.ContainerRegistry/registries/read}): only
 * {@code adminUserEnabled} says whether the admin passwords are in use at all, as {@code az acr credential show}
 * checks too.
 */
public final class ArmRegistryCredentials implements RegistryCredentials {

    private final ArmManagers<ContainerRegistryManager> managers;

    public ArmRegistryCredentials(ArmAccess arm) {
        this.managers = arm.managers((http, credential, profile, retry) -> ContainerRegistryManager.configure()
                .withHttpClient(http).withRetryPolicy(retry).authenticate(credential, profile));
    }

    @Override
    public AdminCredentials list(ArmResourceId registry) {
        RegistriesClient registries = registries(registry);
        RegistryInner properties = registries.getByResourceGroup(registry.resourceGroup(), registry.name());
        if (!Boolean.TRUE.equals(properties.adminUserEnabled())) {
            throw RotationException.terminal(Step.PLAN, "refused: the admin user of container registry "
                    + registry.name() + " is disabled (adminUserEnabled is false), so it has no password to rotate;"
                    + " enable it (az acr update --name " + registry.name() + " --admin-enabled true) or remove the"
                    + " secret's CredentialType tag; nothing was changed");
        }
        return credentials(registries.listCredentials(registry.resourceGroup(), registry.name()));
    }

    @Override
    public AdminCredentials regenerate(ArmResourceId registry, String passwordName) {
        return credentials(registries(registry).regenerateCredentialWithResponse(registry.resourceGroup(),
                registry.name(), new RegenerateCredentialParameters().withName(PasswordName.fromString(passwordName)),
                ArmRetryPolicy.sentOnce()).getValue());
    }

    private static AdminCredentials credentials(RegistryListCredentialsResultInner result) {
        Map<String, SecretValue> passwords = new HashMap<>();
        List<com.azure.resourcemanager.containerregistry.models.RegistryPassword> listed =
                result.passwords() == null ? List.of() : result.passwords();
        listed.stream().filter(password -> password.name() != null && password.value() != null
                        && !password.value().isEmpty())
                .forEach(password -> passwords.put(password.name().toString(), SecretValue.of(password.value())));
        return new AdminCredentials(result.username(), passwords);
    }

    private RegistriesClient registries(ArmResourceId registry) {
        return managers.of(registry.subscriptionId())
                .serviceClient().getRegistries();
    }
}
