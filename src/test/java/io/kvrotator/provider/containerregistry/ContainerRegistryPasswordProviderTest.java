package io.kvrotator.provider.containerregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import io.kvrotator.failure.Failure;
import io.kvrotator.failure.RotationException;
import io.kvrotator.provider.ArmAccess;
import io.kvrotator.provider.ArmResourceId;
import io.kvrotator.provider.DualKeyPlan;
import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.support.Retry;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SandboxTest
class ContainerRegistryPasswordProviderTest {

    private static final Instant NOW = SandboxTest.START;
    private static final String REGISTRY = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
            + "rg-build/providers/Microsoft.ContainerRegistry/registries/ContosoBuild";

    private Sandbox sandbox;
    private ContainerRegistryPasswords service;
    private DualKeyProvider<ArmResourceId> provider;
    private String password;

    @BeforeEach
    void start(Sandbox sandbox) {
        this.sandbox = sandbox;
        password = sandbox.containerRegistry.createRegistry(REGISTRY);
        HttpClient http = HttpClient.createDefault();
        service = new ContainerRegistryPasswords(
                new ArmRegistryCredentials(ArmAccess.of(sandbox.arm.baseUrl() + "/", sandbox.credential, http)),
                new DockerBasicAuthVerifier(sandbox.containerRegistry.loginServerTemplate(), http));
        provider = new DualKeyProvider<>(service, new Retry(3, Duration.ofMillis(1), Duration.ofMillis(5),
                duration -> { }), Duration.ofDays(60));
    }

    @Test
    @DisplayName("a registry whose admin user is disabled is refused at plan, terminally, saying so, changing nothing")
    void adminUserDisabled() {
        sandbox.containerRegistry.disableAdminUser(REGISTRY);

        assertThatThrownBy(() -> provider.plan(version(), SecretValue.of(password), scope()))
                .isInstanceOfSatisfying(RotationException.class, e -> {
                    assertThat(e.failure()).isInstanceOf(Failure.Terminal.class);
                    assertThat(e.failure().message()).startsWith("refused:")
                            .contains("admin user of container registry ContosoBuild is disabled")
                            .contains("adminUserEnabled").contains("nothing was changed");
                });
        assertThat(sandbox.arm.calls()).noneMatch(call -> call.path().endsWith("/regenerateCredential")
                || call.path().endsWith("/listCredentials"));
    }

    @Test
    @DisplayName("a secret holding password2 regenerates password, verified with basic auth on GET /v2/")
    void alternatesFromPassword2() {
        String password2 = sandbox.containerRegistry.passwords(REGISTRY).get("password2").value();

        DualKeyPlan<ArmResourceId> plan = provider.plan(version(), SecretValue.of(password2), scope());
        IssuedCredential issued = provider.issue(plan, NOW.plus(Duration.ofDays(60)));
        provider.verify(plan, issued);

        assertThat(plan.currentCredentialId()).isEqualTo("password2");
        assertThat(issued.credentialId()).isEqualTo("password");
        assertThat(sandbox.containerRegistry.accepts(REGISTRY, password2)).isTrue();
        assertThat(sandbox.containerRegistry.calls()).anySatisfy(call -> {
            assertThat(call.path()).isEqualTo("/contosobuild/v2/");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    @Test
    @DisplayName("verification fails on a password the registry does not accept (401 from GET /v2/)")
    void verificationRefusesAWrongPassword() {
        ArmResourceId registry = service.parse(REGISTRY).orElseThrow();

        assertThatThrownBy(() -> service.verify(registry, SecretValue.of("Zz9-not-the-password")))
                .isInstanceOfSatisfying(HttpResponseException.class, e ->
                        assertThat(e.getResponse().getStatusCode()).isEqualTo(401));
        service.verify(registry, SecretValue.of(password));
    }

    @Test
    @DisplayName("ProviderAddress must be a registry's resource ID with a valid registry name")
    void parsesOnlyRegistries() {
        assertThat(service.parse(REGISTRY)).get().extracting(ArmResourceId::name).isEqualTo("ContosoBuild");
        assertThat(service.parse(REGISTRY.replace("ContosoBuild", "cr-with-dash"))).isEmpty();
        assertThat(service.parse(REGISTRY.replace("ContosoBuild", "abc"))).isEmpty();
        assertThat(service.parse(REGISTRY.replace("Microsoft.ContainerRegistry/registries",
                "Microsoft.Storage/storageAccounts"))).isEmpty();
        assertThat(service.parse(REGISTRY + "/replications/westus")).isEmpty();
    }

    private SecretVersion version() {
        return new SecretVersion(new SecretRef("kv-dev-build", "ACR-PASSWORD"), "0123456789abcdef0123456789abcdef",
                true, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)),
                null, Map.of("CredentialType", "ContainerRegistryPassword", "CredentialId", "password",
                "ProviderAddress", REGISTRY));
    }

    private static ResourceScope scope() {
        return new ResourceScope("kv-dev-build", List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID
                + "/resourceGroups/rg-build"), Set.of());
    }
}
