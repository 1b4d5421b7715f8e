package io.kvrotator.benchmark;

import io.kvrotator.app.AppContext;
import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.provider.appregistration.PasswordLabel;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One rotation per provider through the Event Grid function, the real SDK clients and the stand-ins, every call
 * delayed by the injected latency: calls per protocol step against the protocol's minimum, and the wall time of
 * one rotation (median of warm rotations, each of its own secret) against calls x latency.
 */
final class RotationBenchmark {

    static final int MEASURED = 10;
    /** Warm-up rotations without latency (quick), then with it, before the measured ones. */
    private static final int WARM_UP_QUICK = 100;
    private static final int WARM_UP_AT_LATENCY = 10;
    private static final int SECRETS = WARM_UP_QUICK + WARM_UP_AT_LATENCY + MEASURED;
    private static final String VAULT = "kv-bench-rotation";
    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;
    private static final List<Step> COLUMNS = List.of(Step.READ, Step.PROVE, Step.ROTATE, Step.VERIFY, Step.WRITE,
            Step.RETIRE, Step.NOTIFY);

    /**
     * DESIGN.md section 4, for a rotation whose first verification passes: read the latest version (step 2) and
     * re-read it with its value under the lock (step 3); prove the value is one of the account's keys, listKeys
     * (rule P); one regenerateKey of the other key (4), read back with listKeys (rule A, counted as prove); one List
     * Containers signed with it (5), then listKeys again to see it unchanged (rule A, counted as prove); one new
     * version (6); nothing to retire for dual keys (7); one notice per channel, Teams then email, and one event (8).
     */
    static final Map<Step, Integer> STORAGE_MINIMUM = minimum(2, 3, 1, 1, 1, 0, 3);

    /**
     * As for storage keys, but the proof reads the application (its passwords' hints; its object ID for addPassword,
     * its appId for the token requests, its passwords for retirement) and asks a token for the value in use; one
     * addPassword (4); one token request (5); one removePassword per overdue kv-rotator password, and the benchmark
     * seeds one (7).
     */
    static final Map<Step, Integer> APP_SECRET_MINIMUM = minimum(2, 2, 1, 1, 1, 1, 3);

    /** The rotation's event: sent on a thread of its own once the version is stored, beside the calls after it. */
    private static final int EVENTS_BESIDE = 1;

    private final long latencyMillis;

    RotationBenchmark(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    Table run(Targets targets) {
        MutableClock clock = new MutableClock(NOW);
        Table table = new Table("Rotation cost: remote calls per rotation by step, wall time of one rotation at "
                + latencyMillis + " ms per call", "provider", "read", "prove", "regenerate / add", "verify", "write",
                "retire",
                "notify", "other", "calls", "calls = minimum", "wall ms", "wall / minimum");
        try (Sandbox sandbox = Sandbox.start(clock)) {
            sandbox.keyVault.createVault(VAULT);
            List<String> storageEvents = new ArrayList<>();
            List<String> appEvents = new ArrayList<>();
            for (int i = 0; i < SECRETS; i++) {
                storageEvents.add(seedStorageKey(sandbox, i));
                appEvents.add(seedAppSecret(sandbox, clock, i));
            }
            clock.set(NOW);
            // After the applications exist, so that the vault's resource scope names them.
            AppContext.install(sandbox.appContext(sandbox.appSettings(VAULT)));
            measure("StorageAccountKey", storageEvents, STORAGE_MINIMUM, sandbox, table, targets);
            measure("AppRegistrationSecret", appEvents, APP_SECRET_MINIMUM, sandbox, table, targets);
            long rotated = sandbox.keyVault.secrets(VAULT).values().stream().filter(versions -> versions.size() == 2)
                    .count();
            int expected = 2 * SECRETS;
            targets.check("every benchmark rotation stored one new version", rotated == expected);
            table.note(rotated + " of " + expected + " rotations stored exactly one new version.");
        } finally {
            AppContext.install(null);
        }
        return table
                .note("Wall time: the median of " + MEASURED + " rotations of distinct secrets in a warm worker:"
                        + " after " + WARM_UP_QUICK + " warm-up rotations without latency and " + WARM_UP_AT_LATENCY
                        + " with it per provider (clients built, Key Vault's bearer challenge answered, code"
                        + " compiled). Calls: the most any of the " + MEASURED + " made.")
                .note("Protocol minimum (DESIGN.md section 4, first verification passing): read = the latest version"
                        + " (step 2) + the re-read with its value under the lock (step 3); prove = listKeys for storage,"
                        + " the application and a token for the value in use for app secrets (rule P), and for"
                        + " storage the regenerated key's two read backs, after its regenerate and once it is"
                        + " verified (rule A), listKeys too; regenerate / add, verify, write = one call each (steps"
                        + " 4-6); retire ="
                        + " nothing for dual keys, one removePassword per overdue kv-rotator password (one seeded);"
                        + " notify = one message per channel (Teams, email) and one event. Not counted: the rotation lock's lease"
                        + " (acquire, release) on the function app's own storage (Azurite here), which has no injected"
                        + " latency.")
                .note("Minimum wall time = (minimum calls - " + EVENTS_BESIDE + ") x " + latencyMillis + " ms: each"
                        + " step needs the previous one's result, and the email carries Teams' failure, but the event"
                        + " goes out beside the retirement and the notices (at least two calls).");
    }

    private void measure(String provider, List<String> events, Map<Step, Integer> minimum, Sandbox sandbox,
                         Table table, Targets targets) {
        KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
        List<Double> wallMillis = new ArrayList<>();
        List<Map<Step, Integer>> counts = new ArrayList<>();
        Iterator<String> next = events.iterator();
        sandbox.resetFaults();
        for (int i = 0; i < WARM_UP_QUICK; i++) {
            functions.secretNearExpiry(next.next(), null);
        }
        sandbox.standIns().forEach(standIn -> standIn.faults(Faults.latency(latencyMillis)));
        for (int i = 0; i < WARM_UP_AT_LATENCY; i++) {
            functions.secretNearExpiry(next.next(), null);
        }
        for (int i = 0; i < MEASURED; i++) {
            String event = next.next();
            sandbox.standIns().forEach(StandIn::clearCalls);
            long started = System.nanoTime();
            functions.secretNearExpiry(event, null);
            wallMillis.add(Figures.millisSince(started));
            counts.add(Step.count(sandbox.standIns()));
        }
        Map<Step, Integer> measured = mostCalls(counts);
        int other = measured.get(Step.OTHER) + measured.get(Step.CHALLENGE);
        int calls = measured.values().stream().mapToInt(Integer::intValue).sum();
        int minimumCalls = minimum.values().stream().mapToInt(Integer::intValue).sum();
        double wall = Figures.median(wallMillis);
        double minimumWall = (minimumCalls - EVENTS_BESIDE) * latencyMillis;
        boolean allEqual = counts.stream().allMatch(measured::equals);
        String equal = targets.check(provider + " calls per step = protocol minimum",
                allEqual && other == 0 && COLUMNS.stream().allMatch(step -> measured.get(step).equals(minimum.get(step))));
        table.row(provider + " measured", measured.get(Step.READ), measured.get(Step.PROVE), measured.get(Step.ROTATE),
                measured.get(Step.VERIFY), measured.get(Step.WRITE), measured.get(Step.RETIRE),
                measured.get(Step.NOTIFY), other, calls, equal, Figures.fixed(wall, 0), Figures.ratio(wall, minimumWall));
        table.row(provider + " protocol minimum", minimum.get(Step.READ), minimum.get(Step.PROVE),
                minimum.get(Step.ROTATE),
                minimum.get(Step.VERIFY), minimum.get(Step.WRITE), minimum.get(Step.RETIRE), minimum.get(Step.NOTIFY),
                0, minimumCalls, "", Figures.fixed(minimumWall, 0), "");
    }

    /** The counts of the rotation that made the most calls: the one a difference would show in. */
    private static Map<Step, Integer> mostCalls(List<Map<Step, Integer>> counts) {
        return counts.stream().max((a, b) -> Integer.compare(total(a), total(b))).orElseThrow();
    }

    private static int total(Map<Step, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String seedStorageKey(Sandbox sandbox, int i) {
        String account = SUBSCRIPTION + "/resourceGroups/rg-bench/providers/Microsoft.Storage/storageAccounts/stbench" + i;
        String name = "BENCH-STORAGE-KEY-" + i;
        Instant expires = NOW.plus(Duration.ofDays(20));
        String version = sandbox.keyVault.seedSecret(VAULT, name, sandbox.arm.createAccount(account), Map.of(
                "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account,
                "Owner", "platform-team@contoso.com"), NOW.minus(Duration.ofDays(40)), expires);
        return KeyVaultEvents.nearExpiry(VAULT, name, version, expires, NOW);
    }

    /**
     * An app secret whose version (made 530 days ago) holds a kv-rotator password, with the kv-rotator password that
     * version replaced still on the application: long past its overlap, so the rotation retires it.
     */
    private static String seedAppSecret(Sandbox sandbox, MutableClock clock, int i) {
        String name = "BENCH-APP-SECRET-" + i;
        SecretRef secret = new SecretRef(VAULT, name);
        String objectId = sandbox.graph.createApplication("bench-app-" + i, UUID.randomUUID().toString());
        Instant expires = NOW.plus(Duration.ofDays(20));
        Instant replaced = NOW.minus(Duration.ofDays(560));
        Instant current = NOW.minus(Duration.ofDays(530));
        sandbox.graph.addPassword(objectId, PasswordLabel.of(secret, replaced), replaced, NOW.minus(Duration.ofDays(10)));
        PasswordState inUse = sandbox.graph.addPassword(objectId, PasswordLabel.of(secret, current), current, expires);
        clock.set(current);
        String version = sandbox.keyVault.seedSecret(VAULT, name, inUse.value(), Map.of(
                "CredentialType", "AppRegistrationSecret", "CredentialId", inUse.keyId(), "ProviderAddress", objectId,
                "Owner", "platform-team@contoso.com"), current, expires);
        return KeyVaultEvents.nearExpiry(VAULT, name, version, expires, NOW);
    }

    private static Map<Step, Integer> minimum(int read, int prove, int rotate, int verify, int write, int retire,
                                              int notify) {
        Map<Step, Integer> minimum = new EnumMap<>(Step.class);
        minimum.put(Step.READ, read);
        minimum.put(Step.PROVE, prove);
        minimum.put(Step.ROTATE, rotate);
        minimum.put(Step.VERIFY, verify);
        minimum.put(Step.WRITE, write);
        minimum.put(Step.RETIRE, retire);
        minimum.put(Step.NOTIFY, notify);
        return minimum;
    }
}
