package io.kvrotator.localhost;

import com.azure.core.credential.TokenCredential;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The app the local host serves. By default the compiled classes on the test classpath ({@code scripts/run-local.sh},
 * unit tests). When the system property {@value #PROPERTY} names a staged Functions folder (failsafe sets it to
 * {@code target/azure-functions/kv-rotator}, so that {@code mvn verify} runs the end-to-end tests on what Azure runs),
 * the packaged artefact: its functions read from the function.json files, their classes loaded from the package's
 * jars by a {@link PackageClassLoader}, and its context built inside that loader from the app settings, the credential
 * and the clock, as {@code AppContext.get()} does in Azure.
 */
public final class HostedApp {

    /** System property naming the staged Functions folder to serve; unset, the test classpath is served. */
    public static final String PROPERTY = "kvrotator.host.app";
    private static final String FUNCTIONS_PACKAGE = "io.kvrotator.functions";
    private static final String CONTEXT = "io.kvrotator.app.AppContext";
    private static HostedApp current;

    private final Path staged;
    private final ClassLoader loader;
    private final FunctionCatalog functions;

    private HostedApp(Path staged, ClassLoader loader, FunctionCatalog functions) {
        this.staged = staged;
        this.loader = loader;
        this.functions = functions;
    }

    /** The app of this JVM, loaded on first use: like a worker, a JVM loads the package once. */
    public static synchronized HostedApp current() {
        if (current == null) {
            String folder = System.getProperty(PROPERTY, "").trim();
            current = folder.isEmpty() ? classpath() : packaged(Path.of(folder));
        }
        return current;
    }

    private static HostedApp classpath() {
        return new HostedApp(null, HostedApp.class.getClassLoader(), FunctionCatalog.scan(FUNCTIONS_PACKAGE));
    }

    private static HostedApp packaged(Path staged) {
        if (!Files.isDirectory(staged)) {
            throw new IllegalStateException(PROPERTY + " names " + staged + ", which is no folder: run mvn package");
        }
        Path jar = FunctionCatalog.functionJar(staged);
        ClassLoader loader = PackageClassLoader.of(jar, HostedApp.class.getClassLoader());
        return new HostedApp(staged, loader, FunctionCatalog.ofStaged(staged, loader));
    }

    /** True when the packaged artefact is served, not the test classpath. */
    public boolean packaged() {
        return staged != null;
    }

    public FunctionCatalog functions() {
        return functions;
    }

    /** The class loader the app's classes come from. */
    public ClassLoader loader() {
        return loader;
    }

    /**
     * For the packaged app: builds its {@code AppContext} from {@code settings} with {@code credential} and
     * {@code clock}, and installs it where its functions find it. For the test classpath this is the caller's job
     * ({@code Sandbox.install} does it), and nothing happens here.
     */
    public void install(Map<String, String> settings, TokenCredential credential, Clock clock) {
        if (!packaged()) {
            return;
        }
        inApp(() -> {
            Class<?> credentialType = loader.loadClass(TokenCredential.class.getName());
            Class<?> contextType = loader.loadClass(CONTEXT);
            Object context = contextType.getMethod("fromSettings", Map.class, credentialType, Clock.class)
                    .invoke(null, settings, PackagedCredential.of(credential, loader), clock);
            contextType.getMethod("install", contextType).invoke(null, context);
            return null;
        });
    }

    /** For the packaged app: removes its installed context. */
    public void uninstall() {
        if (packaged()) {
            inApp(() -> {
                Class<?> contextType = loader.loadClass(CONTEXT);
                contextType.getMethod("install", contextType).invoke(null, new Object[] {null});
                return null;
            });
        }
    }

    /** Runs {@code step} with the app's class loader as the thread's context loader, as the worker does. */
    <T> T inApp(ReflectiveStep<T> step) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return step.run();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the packaged app failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the package at " + staged + " lacks what the host needs: " + e, e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** A step that calls into the app by reflection. */
    @FunctionalInterface
    interface ReflectiveStep<T> {
        T run() throws ReflectiveOperationException;
    }

    @Override
    public String toString() {
        return packaged() ? "the package staged at " + staged : "the test classpath";
    }
}
