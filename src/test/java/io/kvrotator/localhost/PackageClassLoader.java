package io.kvrotator.localhost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a staged Functions app the way the Java worker does: the function jar and every jar in {@code lib/}, in a class
 * loader of their own. It shares with the code that created it only what the worker shares with an app: the JDK and
 * the Functions library ({@code com.microsoft.azure.functions}, whose types the worker hands to the functions). Every
 * other class, the app's own and its libraries', comes from the package, so a class the package lacks fails here as it
 * would in Azure, even though the test classpath has it.
 */
final class PackageClassLoader extends URLClassLoader {

    private static final String FUNCTIONS_LIBRARY = "com.microsoft.azure.functions.";
    /** Packages of the JDK's modules: the worker's class loader finds them before the app's jars. */
    private static final Set<String> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
            .flatMap(module -> module.getPackages().stream()).collect(Collectors.toUnmodifiableSet());

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader worker;

    private PackageClassLoader(URL[] jars, ClassLoader worker) {
        super("kv-rotator-package", jars, ClassLoader.getPlatformClassLoader());
        this.worker = worker;
    }

    /** The function jar ({@code scriptFile} of the function.json files, relative to them) and {@code lib/*.jar}. */
    static PackageClassLoader of(Path functionJar, ClassLoader worker) {
        List<URL> jars = new ArrayList<>();
        try {
            jars.add(functionJar.toUri().toURL());
            Path lib = functionJar.getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> files = Files.list(lib)) {
                    for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot load " + functionJar, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the lib/ of " + functionJar, e);
        }
        return new PackageClassLoader(jars.toArray(URL[]::new), worker);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                int dot = name.lastIndexOf('.');
                if (dot > 0 && JDK_PACKAGES.contains(name.substring(0, dot))) {
                    type = ClassLoader.getSystemClassLoader().loadClass(name);
                } else if (name.startsWith(FUNCTIONS_LIBRARY)) {
                    type = worker.loadClass(name);
                } else {
                    type = findClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
