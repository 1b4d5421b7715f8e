package io.kvrotator.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run's CPU went, from Linux's {@code /proc}: the worker's process, this JVM (the stand-ins and the
 * deliveries), the sandbox's servers this JVM started (Azurite, Redis, PostgreSQL), and every other process on the
 * machine. The benchmarks share 2 cores with all of them; the worker's own share says what it would need alone.
 */
record CpuTime(double worker, double benchmark, double servers, double machine) {

    /** Linux's clock ticks per second ({@code getconf CLK_TCK}), 100 on every kernel we build on. */
    private static final double TICKS_PER_SECOND = 100;

    /** The CPU seconds used so far; {@code worker} is the worker process's ID. */
    static CpuTime now(long worker) {
        ProcessHandle self = ProcessHandle.current();
        double servers = self.descendants().filter(process -> process.pid() != worker)
                .mapToDouble(process -> seconds(process.pid())).sum();
        return new CpuTime(seconds(worker), seconds(self.pid()), servers, machineSeconds());
    }

    /** What was used between {@code before} and this. */
    CpuTime since(CpuTime before) {
        return new CpuTime(worker - before.worker, benchmark - before.benchmark, servers - before.servers,
                machine - before.machine);
    }

    /** CPU seconds of processes other than the worker, this JVM and its servers. */
    double others() {
        return Math.max(0, machine - worker - benchmark - servers);
    }

    /** utime + stime of a process, all its threads; 0 when it is gone. */
    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; the fields after its closing parenthesis are fixed: utime is 14th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy CPU seconds of the whole machine: user, nice, system, irq and softirq of {@code /proc/stat}'s cpu line. */
    private static double machineSeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 8); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
