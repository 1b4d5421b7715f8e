package io.kvrotator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.graph.models.Application;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SandboxTest
class GraphClientsTest {

    private static final Instant NOW = SandboxTest.START;

    @Test
    @DisplayName("the real Graph SDK reads an application's passwords from the stand-in with the managed identity's token")
    void readsAnApplication(Sandbox sandbox) {
        String objectId = sandbox.graph.createApplication("payments-api", "631a96bc-a705-4eda-9f99-fdaf9f54f6a2");
        sandbox.graph.addPassword(objectId, "portal secret", NOW, NOW.plus(Duration.ofDays(100)));
        GraphServiceClient graph = GraphClients.create(sandbox.graph.graphBaseUrl(), sandbox.credential, java.time.Duration.ofSeconds(30));

        Application application = graph.applications().byApplicationId(objectId).get();

        assertThat(application.getAppId()).isEqualTo("631a96bc-a705-4eda-9f99-fdaf9f54f6a2");
        assertThat(application.getPasswordCredentials()).singleElement().satisfies(password -> {
            assertThat(password.getDisplayName()).isEqualTo("portal secret");
            assertThat(password.getEndDateTime().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(100)));
            assertThat(password.getSecretText()).isNull();
        });
        assertThat(sandbox.graph.calls()).last().satisfies(call -> assertThat(call.status()).isEqualTo(200));
    }
}
