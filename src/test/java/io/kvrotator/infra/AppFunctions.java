package io.kvrotator.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.localhost.FunctionCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The app's functions by name, with their trigger binding type: from the annotated classes or from function.json files. */
final class AppFunctions {

    static final String EVENT_GRID_TRIGGER = "eventGridTrigger";
    private static final String FUNCTIONS_PACKAGE = "io.kvrotator.functions";

    private AppFunctions() {
    }

    /** From the {@code @FunctionName} methods, found by the same scan the local host uses. */
    static Map<String, String> fromAnnotations() {
        Map<String, String> functions = new TreeMap<>();
        FunctionCatalog.scan(FUNCTIONS_PACKAGE).functions().forEach(function -> functions.put(function.name(),
                switch (function.trigger()) {
                    case EVENT_GRID -> EVENT_GRID_TRIGGER;
                    case HTTP -> "httpTrigger";
                    case TIMER -> "timerTrigger";
                }));
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
}
