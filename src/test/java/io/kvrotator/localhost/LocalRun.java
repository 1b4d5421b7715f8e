package io.kvrotator.localhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxSeed.SeededSecret;
import io.kvrotator.sandbox.SandboxState;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The whole suite on one machine without Azure: starts the sandbox stand-ins, seeds them, and serves the app's
 * functions at the Core Tools URLs. Started by {@code scripts/run-local.sh [--seed FILE] [--port N]}; stops on
 * Ctrl-C or SIGTERM. Writes {@code target/sandbox/manifest.json}, {@code function.key} and ready-to-post events.
 */
public final class LocalRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path seedFile = null;
        int port = 7071;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seedFile = Path.of(argument(args, ++i, "--seed"));
                case "--port" -> port = Integer.parseInt(argument(args, ++i, "--port"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: run-local.sh [--seed FILE] [--port N])");
            }
        }
        Clock clock = Clock.systemUTC();
        Sandbox sandbox = Sandbox.start(clock);
        JsonNode seed = seedFile == null ? SandboxSeed.defaultSeed() : SandboxSeed.read(seedFile);
        List<SeededSecret> seeded = SandboxSeed.apply(seed, sandbox, clock);
        Set<String> vaults = new LinkedHashSet<>();
        seed.path("vaults").fieldNames().forEachRemaining(vaults::add);
        Map<String, String> settings = sandbox.appSettings(vaults.toArray(String[]::new));
        settings.putAll(sandbox.accessReviewSettings(vaults.toArray(String[]::new)));
        // The local host stands in for App Service authentication: a principal header sent to it names the caller,
        // so that the two-person revocation can be tried with hand-made principals (README, Walkthrough).
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        sandbox.install(settings);

        String functionKey = randomKey();
        LocalFunctionsHost host = new LocalFunctionsHost(HostedApp.current().functions(), functionKey,
                () -> SandboxState.of(sandbox), port);
        Path dir = Path.of(System.getProperty("kvrotator.sandbox.dir", "target/sandbox"));
        writeFiles(dir, host, functionKey, sandbox, seeded, seedFile);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            sandbox.close();
            System.out.println("kv-rotator local host stopped");
            stopped.countDown();
        }));
        printEndpoints(host, sandbox, dir);
        stopped.await();
    }

    private static void writeFiles(Path dir, LocalFunctionsHost host, String functionKey, Sandbox sandbox,
                                   List<SeededSecret> seeded, Path seedFile) throws IOException {
        Path events = dir.resolve("events");
        Files.createDirectories(events);
        ObjectNode manifest = JSON.createObjectNode()
                .put("functionsBaseUrl", host.baseUrl())
                .put("functionKey", functionKey)
                .put("stateUrl", host.stateUrl())
                .put("seed", seedFile == null ? "classpath:sandbox/default-seed.json" : seedFile.toString());
        ObjectNode standIns = manifest.putObject("standIns");
        for (StandIn standIn : sandbox.standIns()) {
            standIns.put(standIn.service(), standIn.baseUrl());
        }
        ArrayNode functions = manifest.putArray("functions");
        host.catalog().functions().forEach(function -> functions.addObject().put("name", function.name())
                .put("trigger", function.trigger().name()).put("route", function.route()));
        ArrayNode eventFiles = manifest.putArray("events");
        for (SeededSecret secret : seeded) {
            for (String type : List.of("SecretNearExpiry", "SecretExpired")) {
                Path file = events.resolve(secret.vault() + "." + secret.name() + "." + type + ".json");
                Files.writeString(file, "[" + KeyVaultEvents.event("Microsoft.KeyVault." + type,
                        java.util.UUID.randomUUID().toString(), secret.vault(), secret.name(), secret.version(),
                        secret.expiresOn(), Clock.systemUTC().instant()) + "]");
                eventFiles.add(file.toString());
            }
        }
        Files.writeString(dir.resolve("function.key"), functionKey);
        Files.writeString(dir.resolve("manifest.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    }

    private static void printEndpoints(LocalFunctionsHost host, Sandbox sandbox, Path dir) {
        StringBuilder text = new StringBuilder("\nkv-rotator local host is up\n");
        host.catalog().functions().forEach(function -> text.append(String.format("  %-18s %s%n", function.name(),
                switch (function.trigger()) {
                    case HTTP -> String.join("|", function.httpMethods()) + " " + host.baseUrl() + "/api/" + function.route();
                    case EVENT_GRID -> "POST " + host.baseUrl() + "/runtime/webhooks/EventGrid?functionName=" + function.name();
                    case TIMER -> "POST " + host.baseUrl() + "/admin/functions/" + function.name();
                })));
        text.append("  sandbox state      GET ").append(host.stateUrl()).append('\n');
        sandbox.standIns().forEach(standIn -> text.append(String.format("  stand-in %-9s %s%n", standIn.service(),
                standIn.baseUrl())));
        text.append("  function key       ").append(dir.resolve("function.key")).append('\n');
        text.append("  manifest           ").append(dir.resolve("manifest.json")).append('\n');
        text.append("  sample events      ").append(dir.resolve("events")).append('\n');
        text.append("Ctrl-C stops it.\n");
        System.out.println(text);
    }

    private static String argument(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static String randomKey() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
