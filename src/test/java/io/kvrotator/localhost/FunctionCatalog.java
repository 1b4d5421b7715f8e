package io.kvrotator.localhost;

import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The functions of the app, found the way the Azure Functions Maven plugin finds them (every public method with
 * {@code @FunctionName} in the compiled classes of a package), or the way the Java worker finds them in a staged
 * package (each function.json's {@code entryPoint}); the trigger is read from the parameter annotations.
 */
public final class FunctionCatalog {

    public enum TriggerKind { EVENT_GRID, HTTP, TIMER }

    /** One function: its method, trigger, and for HTTP its route, methods and authorization level. */
    public record FunctionEntry(String name, Method method, TriggerKind trigger, String route, List<String> httpMethods,
                                AuthorizationLevel authLevel) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FunctionEntry> functions;

    private FunctionCatalog(List<FunctionEntry> functions) {
        this.functions = Collections.unmodifiableList(functions);
    }

    public static FunctionCatalog scan(String packageName) {
        List<FunctionEntry> entries = new ArrayList<>();
        for (Class<?> type : classesIn(packageName)) {
            for (Method method : type.getMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name != null) {
                    entries.add(entry(name.value(), method));
                }
            }
        }
        if (entries.stream().map(FunctionEntry::name).distinct().count() != entries.size()) {
            throw new IllegalStateException("two functions share a name in " + packageName);
        }
        return new FunctionCatalog(entries);
    }

    /**
     * The functions of a staged package: one per {@code NAME/function.json}, its method the public method its
     * {@code entryPoint} names, loaded by {@code loader}.
     */
    static FunctionCatalog ofStaged(Path staged, ClassLoader loader) {
        List<FunctionEntry> entries = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(staged)) {
            for (Path functionJson : dirs.map(dir -> dir.resolve("function.json")).filter(Files::isRegularFile)
                    .sorted().toList()) {
                String entryPoint = JSON.readTree(functionJson.toFile()).path("entryPoint").asText();
                int dot = entryPoint.lastIndexOf('.');
                Class<?> type = Class.forName(entryPoint.substring(0, dot), false, loader);
                List<Method> methods = Stream.of(type.getMethods())
                        .filter(method -> method.getName().equals(entryPoint.substring(dot + 1))).toList();
                if (methods.size() != 1) {
                    throw new IllegalStateException(functionJson + ": " + methods.size() + " methods named " + entryPoint);
                }
                entries.add(entry(functionJson.getParent().getFileName().toString(), methods.get(0)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function.json files of " + staged, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("an entry point of " + staged + " is not in its jars", e);
        }
        return new FunctionCatalog(entries);
    }

    /** The jar the function.json files of a staged package name as their {@code scriptFile} (one for all). */
    static Path functionJar(Path staged) {
        try (Stream<Path> dirs = Files.list(staged)) {
            List<Path> jars = new ArrayList<>();
            for (Path functionJson : dirs.map(dir -> dir.resolve("function.json")).filter(Files::isRegularFile).toList()) {
                jars.add(functionJson.getParent().resolve(JSON.readTree(functionJson.toFile()).path("scriptFile")
                        .asText()).normalize());
            }
            if (jars.stream().distinct().count() != 1) {
                throw new IllegalStateException("expected one scriptFile in the function.json files of " + staged
                        + ", found " + jars.stream().distinct().toList());
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function.json files of " + staged, e);
        }
    }

    public List<FunctionEntry> functions() {
        return functions;
    }

    public Optional<FunctionEntry> named(String name) {
        return functions.stream().filter(entry -> entry.name().equalsIgnoreCase(name)).findFirst();
    }

    private static FunctionEntry entry(String name, Method method) {
        for (Parameter parameter : method.getParameters()) {
            for (Annotation annotation : parameter.getAnnotations()) {
                if (annotation instanceof HttpTrigger http) {
                    List<String> methods = Stream.of(http.methods()).map(Enum::name).toList();
                    String route = http.route().isEmpty() ? name : http.route();
                    return new FunctionEntry(name, method, TriggerKind.HTTP, route, methods, http.authLevel());
                }
                if (annotation instanceof EventGridTrigger) {
                    return new FunctionEntry(name, method, TriggerKind.EVENT_GRID, null, List.of(), null);
                }
                if (annotation instanceof TimerTrigger) {
                    return new FunctionEntry(name, method, TriggerKind.TIMER, null, List.of(), null);
                }
            }
        }
        throw new IllegalStateException("function " + name + " has no trigger this host supports");
    }

    private static List<Class<?>> classesIn(String packageName) {
        String path = packageName.replace('.', '/');
        List<String> classNames = new ArrayList<>();
        try {
            for (URL url : Collections.list(FunctionCatalog.class.getClassLoader().getResources(path))) {
                if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.map(file -> file.getFileName().toString()).forEach(classNames::add);
                    }
                } else if ("jar".equals(url.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(JarEntry::getName)
                                .filter(name -> name.startsWith(path + "/") && name.indexOf('/', path.length() + 1) < 0)
                                .map(name -> name.substring(path.length() + 1)).forEach(classNames::add);
                    }
                }
            }
            List<Class<?>> classes = new ArrayList<>();
            for (String file : classNames.stream().filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .distinct().sorted().toList()) {
                classes.add(Class.forName(packageName + "." + file.substring(0, file.length() - ".class".length())));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot scan " + packageName, e);
        }
    }
}
