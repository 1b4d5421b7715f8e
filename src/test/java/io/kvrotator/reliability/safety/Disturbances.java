package io.kvrotator.reliability.safety;

import io.kvrotator.reliability.safety.Action.Fault;
import io.kvrotator.reliability.safety.Action.Interruption;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixture.FaultPoint;
import io.kvrotator.sandbox.StandIn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Installs an action's fault on its service and its interruption on the lock or on a verification call. */
final class Disturbances {

    /** What the interrupted worker's pause lets happen: the other worker's action. */
    @FunctionalInterface
    interface OtherWorker {
        void run(Scenario scenario, Interruption interruption, int actor, Runner.Observed observed);
    }

    private static final int OUTAGE_CALLS = 6;

    private final World world;
    private final OtherWorker other;

    Disturbances(World world, OtherWorker other) {
        this.world = world;
        this.other = other;
    }

    void install(Scenario scenario, Action action, Runner.Observed observed) {
        Map<String, Faults> byService = new HashMap<>();
        Fault fault = action.fault();
        String service = fault == null ? null : service(scenario, fault);
        if (service != null) {
            world.figures.faults.computeIfAbsent(fault.kind().name(), kind -> new AtomicInteger()).incrementAndGet();
            AtomicInteger calls = new AtomicInteger();
            byService.put(service, (name, request) -> injection(fault, calls.incrementAndGet()));
        }
        Interruption interruption = action.interruption();
        if (interruption != null) {
            world.figures.interruptions.incrementAndGet();
            int actor = worker(action);
            if (interruption.point() == Point.VERIFIED) {
                pauseAfterVerification(scenario, interruption, actor, observed, byService);
            } else {
                interruptAtLease(scenario, interruption, actor, observed);
            }
        }
        for (StandIn standIn : world.sandbox.standIns()) {
            Faults faults = byService.get(standIn.service());
            if (faults != null) {
                standIn.faults(faults);
            }
        }
    }

    /**
     * The stand-in a fault hits: the one it names, or for {@link Runner#KEYED_SERVICE} the one the keyed secret's
     * verification calls; none when a real server answers it (Redis, PostgreSQL), as nothing stands between there.
     */
    private static String service(Scenario scenario, Fault fault) {
        return Runner.KEYED_SERVICE.equals(fault.service())
                ? point(scenario.keyed.choice.fixture(), "VERIFY_").map(FaultPoint::service).orElse(null)
                : fault.service();
    }

    private void interruptAtLease(Scenario scenario, Interruption interruption, int actor, Runner.Observed observed) {
        AtomicInteger fired = new AtomicInteger();
        world.lock.hook((lease, point) -> {
            if (lease.worker != actor || !point.equals(interruption.point()) || fired.getAndIncrement() > 0) {
                return;
            }
            if (interruption.dies()) {
                lease.die();
                return;
            }
            if (interruption.leaseLost()) {
                world.lock.lose(lease);
            }
            other.run(scenario, interruption, actor, observed);
        });
    }

    /**
     * The actor's verification is answered only after the other worker ran: a worker slow between verifying and
     * storing, whose lease may have been lost meanwhile. Armed by the actor's issue call (regenerateKey,
     * addPassword, the keyed type's own), fired by its next call to the service that verifies what was issued.
     */
    private void pauseAfterVerification(Scenario scenario, Interruption interruption, int actor,
                                        Runner.Observed observed, Map<String, Faults> byService) {
        List<Issue> issues = issues(scenario);
        AtomicReference<String> armed = new AtomicReference<>();
        AtomicBoolean fired = new AtomicBoolean();
        Faults arming = (service, request) -> {
            issues.stream().filter(issue -> issue.call().service().equals(service)
                    && issue.call().calls().test(request)).findFirst().ifPresent(issue -> armed.set(issue.verifier()));
            return Faults.Injection.NONE;
        };
        Faults pausing = (service, request) -> service.equals(armed.get()) && fired.compareAndSet(false, true)
                ? Faults.Injection.pauseBeforeAnswer(() -> {
                    if (interruption.leaseLost()) {
                        world.lock.loseAllOf(actor);
                    }
                    other.run(scenario, interruption, actor, observed);
                })
                : Faults.Injection.NONE;
        issues.stream().map(issue -> issue.call().service()).distinct()
                .forEach(service -> byService.merge(service, arming, Disturbances::both));
        issues.stream().map(Issue::verifier).distinct()
                .forEach(service -> byService.merge(service, pausing, Disturbances::both));
    }

    /** An issuing call and the stand-in service that verifies what it issued. */
    private record Issue(FaultPoint call, String verifier) {
    }

    /**
     * Each secret's issue call at its own resource (its fixture's {@code ROTATE_} point, narrowed to the honest
     * {@code ProviderAddress}) with the service its fixture verifies on ({@code VERIFY_}); none for a type that a
     * real server verifies.
     */
    private static List<Issue> issues(Scenario scenario) {
        List<Issue> issues = new ArrayList<>();
        for (Scenario.Secret secret : Scenario.Secret.values()) {
            ProviderFixture fixture = scenario.fixture(secret);
            String resource = scenario.honestTags.get(secret).get("ProviderAddress");
            point(fixture, "ROTATE_").ifPresent(issue -> point(fixture, "VERIFY_").ifPresent(verify ->
                    issues.add(new Issue(new FaultPoint(issue.name(), issue.service(),
                            call -> issue.calls().test(call) && at(call, resource + "/")), verify.service()))));
        }
        return issues;
    }

    /** The fixture's fault point whose name starts with {@code prefix} ({@code ROTATE_}, {@code VERIFY_}). */
    private static Optional<FaultPoint> point(ProviderFixture fixture, String prefix) {
        return fixture.faultPoints().stream().filter(point -> point.name().startsWith(prefix)).findFirst();
    }

    private static boolean at(StandIn.Request call, String pathPart) {
        return call.path().toLowerCase(Locale.ROOT).contains(pathPart.toLowerCase(Locale.ROOT));
    }

    /** Both sets of faults see every call; the first that injects something wins. */
    private static Faults both(Faults first, Faults second) {
        return (service, request) -> {
            Faults.Injection one = first.next(service, request);
            Faults.Injection two = second.next(service, request);
            return one != Faults.Injection.NONE ? one : two;
        };
    }

    private static int worker(Action action) {
        if (action instanceof Action.Deliver deliver) {
            return deliver.worker();
        }
        if (action instanceof Action.Redeliver redeliver) {
            return redeliver.worker();
        }
        if (action instanceof Action.Rotate rotate) {
            return rotate.worker();
        }
        if (action instanceof Action.Revoke revoke) {
            return revoke.worker();
        }
        return action instanceof Action.Sweep sweep ? sweep.worker() : 0;
    }

    /** What the {@code call}th call of the action to the fault's service meets. */
    private static Faults.Injection injection(Fault fault, int call) {
        Faults.Injection unavailable = new Faults.Injection(0, StandIn.Response.empty(503)
                .withHeader("Retry-After", "0").withHeader("retry-after-ms", "10"), false);
        if (call < fault.nth()) {
            return Faults.Injection.NONE;
        }
        boolean first = call == fault.nth();
        return switch (fault.kind()) {
            case THROTTLED -> first ? new Faults.Injection(0, StandIn.Response.empty(429).withHeader("Retry-After", "0")
                    .withHeader("retry-after-ms", "10"), false) : Faults.Injection.NONE;
            case SERVER_ERROR -> first ? unavailable : Faults.Injection.NONE;
            case RESET -> first ? new Faults.Injection(0, null, true) : Faults.Injection.NONE;
            case ANSWER_LOST -> first ? Faults.Injection.afterHandlingDropAnswer() : Faults.Injection.NONE;
            case TIMEOUT -> first ? new Faults.Injection(1_200, null, true) : Faults.Injection.NONE;
            case OUTAGE -> call < fault.nth() + OUTAGE_CALLS ? unavailable : Faults.Injection.NONE;
            case ANSWER_LOST_THEN_OUTAGE -> first ? Faults.Injection.afterHandlingDropAnswer()
                    : call < fault.nth() + OUTAGE_CALLS ? unavailable : Faults.Injection.NONE;
        };
    }
}
