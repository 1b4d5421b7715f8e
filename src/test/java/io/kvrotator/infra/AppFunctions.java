package io.kvrotator.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The app's functions by name, with their trigger type: from the annotated classes or from function.json files. */
final class AppFunctions {

    static final String EVENT_GRID_TRIGGER = "eventGridTrigger";
    private static final String FUNCTIONS_PACKAGE = "io.kvrotator.functions";

    private AppFunctions() {
    }

    /** From {@code @FunctionName} methods in the compiled functions package; the trigger is known for Event Grid. */
    static Map<String, String> fromAnnotations() {
        Map<String, String> functions = new TreeMap<>();
        for (Class<?> type : functionClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                FunctionName name = method.getAnnotation(FunctionName.class);
                if (name != null) {
                    boolean eventGrid = Stream.of(method.getParameters())
                            .anyMatch(p -> p.isAnnotationPresent(EventGridTrigger.class));
                    functions.put(name.value(), eventGrid ? EVENT_GRID_TRIGGER : triggerOf(method.getParameters()));
                }
            }
        }
        return functions;
    }

    /** From {@code <dir>/<FunctionName>/function.json}, as the Maven plugin generates them; empty if none. */
    static Map<String, String> fromFunctionJson(Path functionsDir) {
        Map<String, String> functions = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> dirs = Files.list(functionsDir)) {
            for (Path file : dirs.map(d -> d.resolve("function.json")).filter(Files::isRegularFile).toList()) {
                JsonNode bindings = json.readTree(file.toFile()).path("bindings");
                String trigger = Stream.iterate(0, i -> i < bindings.size(), i -> i + 1).map(bindings::get)
                        .map(b -> b.path("type").asText()).filter(t -> t.endsWith("Trigger")).findFirst().orElse("");
                functions.put(file.getParent().getFileName().toString(), trigger);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return functions;
    }

    private static String triggerOf(Parameter[] parameters) {
        return Stream.of(parameters).flatMap(p -> Stream.of(p.getAnnotations()))
                .map(a -> a.annotationType().getSimpleName())
                .filter(n -> n.endsWith("Trigger")).findFirst()
                .map(n -> Character.toLowerCase(n.charAt(0)) + n.substring(1)).orElse("");
    }

    private static Iterable<Class<?>> functionClasses() {
        URL url = AppFunctions.class.getClassLoader().getResource(FUNCTIONS_PACKAGE.replace('.', '/'));
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("cannot list the classes of " + FUNCTIONS_PACKAGE + " at " + url);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> load(FUNCTIONS_PACKAGE + "." + n.substring(0, n.length() - ".class".length())))
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, AppFunctions.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
