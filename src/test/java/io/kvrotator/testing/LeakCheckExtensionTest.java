package io.kvrotator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.Transcript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockito.Mockito;

/** The leak check itself: it must fail a class that leaked, or it proves nothing. */
@DeliberatelyLeaks
class LeakCheckExtensionTest {

    @Test
    @DisplayName("fails a class whose log, console or transcript shows an issued secret, naming only where")
    void catchesLeaks() {
        String secret = "leak-check-self-test-value-" + System.nanoTime();
        IssuedSecrets.record(secret);
        for (Runnable leak : new Runnable[] {
                () -> System.getLogger("leaky").log(System.Logger.Level.WARNING, "value=" + secret),
                () -> System.err.println("value=" + secret),
                () -> Transcript.record("teams", "{\"text\":\"" + secret + "\"}")}) {
            LeakCheckExtension extension = new LeakCheckExtension();
            ExtensionContext context = context();
            extension.beforeAll(context);
            leak.run();

            assertThatThrownBy(() -> extension.afterAll(context)).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("secret values leaked: ").hasMessageNotContaining(secret);
        }
    }

    @Test
    @DisplayName("passes a class that showed only fingerprints")
    void passesCleanClasses() {
        LeakCheckExtension extension = new LeakCheckExtension();
        ExtensionContext context = context();
        extension.beforeAll(context);
        System.getLogger("clean").log(System.Logger.Level.INFO, "fingerprint=0a1b2c3d4e5f6071");

        extension.afterAll(context);
        assertThat(IssuedSecrets.count()).isGreaterThanOrEqualTo(0);
    }

    private static ExtensionContext context() {
        ExtensionContext context = Mockito.mock(ExtensionContext.class);
        java.util.Map<Object, Object> values = new java.util.HashMap<>();
        ExtensionContext.Store store = Mockito.mock(ExtensionContext.Store.class);
        Mockito.doAnswer(call -> values.put(call.getArgument(0), call.getArgument(1))).when(store).put(Mockito.any(), Mockito.any());
        Mockito.when(store.remove(Mockito.any(), Mockito.any())).thenAnswer(call -> values.remove(call.getArgument(0)));
        Mockito.when(context.getStore(Mockito.any())).thenReturn(store);
        Mockito.when(context.getDisplayName()).thenReturn("SelfTest");
        Mockito.when(context.getTestClass()).thenReturn(java.util.Optional.empty());
        return context;
    }
}
