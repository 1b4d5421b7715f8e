package io.kvrotator.provider.appregistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.graph.GraphClients;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule A for {@code addPassword} through the real Graph SDK (OkHttp with Graph's middleware): a POST whose answer
 * does not prove it was refused is sent once, never again by a retry layer underneath us.
 */
@SandboxTest
class GraphAppPasswordsTest {

    private static final Instant NOW = SandboxTest.START;
    private static final Instant END = NOW.plus(Duration.ofDays(540));

    private Sandbox sandbox;
    private GraphAppPasswords passwords;
    private String objectId;

    @BeforeEach
    void start(Sandbox sandbox) {
        this.sandbox = sandbox;
        objectId = sandbox.graph.createApplication("payments-api", "631a96bc-a705-4eda-9f99-fdaf9f54f6a2");
        passwords = new GraphAppPasswords(() -> GraphClients.create(sandbox.graph.graphBaseUrl(), sandbox.credential,
                Duration.ofSeconds(30)));
        // A first call, so that addPassword goes over a connection OkHttp already holds, as in a rotation.
        passwords.find(objectId);
    }

    @Test
    @DisplayName("an addPassword applied whose answer is lost is not sent again: one password made, the failure raised")
    void answerLostIsNotResent() {
        sandbox.graph.faults(Faults.on(GraphAppPasswordsTest::addPassword, 1,
                Faults.Injection.afterHandlingDropAnswer()));

        assertThatThrownBy(() -> passwords.add(objectId, "kv-rotator", END)).isInstanceOf(RuntimeException.class);

        assertThat(sandbox.graph.passwordActions()).hasSize(1);
        assertThat(sandbox.graph.passwords(objectId)).hasSize(1);
    }

    @Test
    @DisplayName("an addPassword answered 503 with Retry-After: 0 is not sent again")
    void unavailableIsNotResent() {
        refuseOnce(503);
    }

    @Test
    @DisplayName("an addPassword answered 504 is not sent again by Graph's retry handler")
    void gatewayTimeoutIsNotResent() {
        refuseOnce(504);
    }

    @Test
    @DisplayName("an addPassword answered 429 (nothing applied) is sent again after Retry-After and succeeds")
    void throttledIsRetried() {
        sandbox.graph.faults(Faults.failing(GraphAppPasswordsTest::addPassword, 1,
                StandIn.Response.empty(429).withHeader("Retry-After", "1")));

        IssuedCredential issued = passwords.add(objectId, "kv-rotator", END);

        assertThat(addPasswordCalls()).containsExactly(429, 200);
        assertThat(sandbox.graph.passwords(objectId)).singleElement()
                .satisfies(password -> assertThat(password.keyId()).isEqualTo(issued.credentialId()));
    }

    private void refuseOnce(int status) {
        sandbox.graph.faults(Faults.failing(GraphAppPasswordsTest::addPassword, 1,
                StandIn.Response.empty(status).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> passwords.add(objectId, "kv-rotator", END)).isInstanceOf(RuntimeException.class);

        assertThat(addPasswordCalls()).containsExactly(status);
        assertThat(sandbox.graph.passwords(objectId)).isEmpty();
    }

    private java.util.List<Integer> addPasswordCalls() {
        return sandbox.graph.calls().stream().filter(call -> call.path().endsWith("/addPassword"))
                .map(StandIn.Call::status).toList();
    }

    private static boolean addPassword(StandIn.Request request) {
        return request.path().endsWith("/addPassword");
    }
}
