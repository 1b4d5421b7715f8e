package io.kvrotator.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fresh worker JVM ({@link StartupProbe}) serving the staged package ({@code target/azure-functions/kv-rotator},
 * which {@code scripts/benchmark.sh} builds) at the Core Tools URLs, over this JVM's stand-ins. Its memory is capped
 * as on a Flex Consumption instance of 2,048 MB ({@code -XX:MaxRAM}: the JVM sizes its heap from it, a quarter), so
 * that the resident set and heap it reports are those of a worker, not of this JVM with the stand-ins.
 */
final class WorkerProcess implements AutoCloseable {

    static final Path STAGED = Path.of("target", "azure-functions", "kv-rotator");
    static final String INSTANCE_MEMORY = "2048m";
    /**
     * The options the Functions host starts the Java worker's JVM with (before the app's {@code JAVA_OPTS}), from
     * {@code worker.config.json} of Azure/azure-functions-java-worker (53b0896, October 2024): the client compiler
     * only, and no bytecode verification.
     */
    static final List<String> JAVA_WORKER_ARGUMENTS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-noverify", "-Djava.net.preferIPv4Stack=true");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final long spawnedMillis;
    private final Map<String, long[]> milestones = new ConcurrentHashMap<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> compiled = new LinkedBlockingQueue<>();
    private final StringBuffer said = new StringBuffer();
    private final OutputStream commands;
    private volatile String baseUrl;

    private WorkerProcess(Process process, long spawnedMillis) {
        this.process = process;
        this.spawnedMillis = spawnedMillis;
        this.commands = process.getOutputStream();
        Thread reader = new Thread(this::read, "worker-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a worker with the app settings in its environment; {@code hostThreads} invocations at once. */
    static WorkerProcess start(Map<String, String> settings, String functionKey, int hostThreads) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JAVA_WORKER_ARGUMENTS);
        command.addAll(List.of("-XX:MaxRAM=" + INSTANCE_MEMORY, "-cp", System.getProperty("java.class.path"),
                "-Dkvrotator.host.app=" + STAGED.toAbsolutePath(), "-Dkvrotator.host.threads=" + hostThreads));
        // For finding what a start spends, e.g. -Dkvrotator.benchmark.workerArgs=-Xlog:class+load:file=target/cl.txt
        String extra = System.getProperty("kvrotator.benchmark.workerArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            command.add("-D" + property + "=" + System.getProperty(property));
        }
        command.add(StartupProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings);
        builder.environment().put(StartupProbe.FUNCTION_KEY, functionKey);
        long spawned = System.currentTimeMillis();
        return new WorkerProcess(builder.start(), spawned);
    }

    /** The worker's local host, once it has built its context and is ready for a first request. */
    String awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (baseUrl == null) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker did not get ready (exit " + (process.isAlive() ? "none"
                        : process.exitValue()) + ")");
            }
            Thread.sleep(5);
        }
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    long spawnedMillis() {
        return spawnedMillis;
    }

    /** A step's wall-clock time in the worker (ms since the epoch) and the classes it had loaded by then. */
    long[] milestone(String name) {
        long[] milestone = milestones.get(name);
        if (milestone == null) {
            throw new IllegalStateException("the worker never said " + name);
        }
        return milestone;
    }

    /** Tells the worker that a step finished, so that its classes loaded by then are recorded. */
    void mark(String name) throws IOException, InterruptedException {
        send("mark " + name);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!milestones.containsKey(name) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    /** The worker's resident set and heap after a full collection. */
    Memory memory() throws IOException, InterruptedException {
        String[] words = ask("memory", replies, "its memory").split(" ");
        return new Memory(Long.parseLong(words[0]), Long.parseLong(words[1]), Long.parseLong(words[2]));
    }

    /** The worker's JIT compiler's total time so far, in milliseconds. */
    long compilationMillis() {
        try {
            return ask("jit", compiled, "its compilation time");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends {@code command} and waits for the worker's answer to it. */
    private <T> T ask(String command, BlockingQueue<T> answers, String what) throws IOException,
            InterruptedException {
        send(command);
        T answer = answers.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("the worker did not report " + what);
        }
        return answer;
    }

    /** What the worker printed, for the leak check. */
    String said() {
        return said.toString();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void send(String command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    private void read() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                said.append(line).append('\n');
                String[] words = line.split(" ");
                if (words.length == 3 && words[0].equals("PROBE") && words[1].equals("jit")) {
                    compiled.add(Long.parseLong(words[2]));
                } else if (words.length == 3 && words[0].equals("PROBE") && words[1].equals("ready")) {
                    baseUrl = words[2];
                } else if (words.length == 5 && words[0].equals("PROBE") && words[1].equals("memory")) {
                    replies.add(words[2] + " " + words[3] + " " + words[4]);
                } else if (words.length == 4 && words[0].equals("PROBE")) {
                    milestones.put(words[1], new long[] {Long.parseLong(words[2]), Long.parseLong(words[3])});
                }
            }
        } catch (IOException e) {
            said.append("(worker output ended: ").append(e.getMessage()).append(")\n");
        }
    }

    /** Bytes: the process's resident set, the heap in use after a full collection, the heap committed. */
    record Memory(long rss, long heapUsed, long heapCommitted) {

        static final double MIB = 1024.0 * 1024.0;

        String rssMiB() {
            return Figures.fixed(rss / MIB, 0);
        }

        String heapMiB() {
            return Figures.fixed(heapUsed / MIB, 0) + " / " + Figures.fixed(heapCommitted / MIB, 0);
        }
    }
}
