package io.kvrotator.sandbox;

import io.kvrotator.app.AppContext;
import io.kvrotator.testing.LogCapture;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts, hands out and closes the per-test sandbox of a {@link SandboxTest} class. */
public final class SandboxExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SandboxExtension.class);
    private static final Set<Class<?>> RESOLVED = Set.of(Sandbox.class, MutableClock.class, LogCapture.class,
            AppContext.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(LogCapture.class, LogCapture.start());
        MutableClock clock = new MutableClock(SandboxTest.START);
        store.put(MutableClock.class, clock);
        Sandbox sandbox = Sandbox.start(clock);
        store.put(Sandbox.class, sandbox);
        String[] vaults = context.getRequiredTestClass().getAnnotation(SandboxTest.class).vaults();
        if (vaults.length > 0) {
            store.put(AppContext.class, sandbox.install(sandbox.appSettings(vaults)));
        }
    }

    /** Closes the sandbox before the log capture, so that what closing logs is captured too. */
    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Sandbox sandbox = store.remove(Sandbox.class, Sandbox.class);
        try {
            if (sandbox != null) {
                sandbox.close();
            }
        } finally {
            store.remove(LogCapture.class, LogCapture.class).close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Object resolved = context.getStore(NAMESPACE).get(type);
        if (resolved == null) {
            throw new ParameterResolutionException("@SandboxTest gives a " + type.getSimpleName()
                    + " only to a test or its @BeforeEach and @AfterEach methods, and an AppContext only with vaults");
        }
        return resolved;
    }
}
