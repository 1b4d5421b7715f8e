package io.kvrotator.reliability.safety;

import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import io.kvrotator.app.AppContext;
import io.kvrotator.event.KeyVaultEventHandler;
import io.kvrotator.failure.Step;
import io.kvrotator.reliability.safety.Action.Fault;
import io.kvrotator.reliability.safety.Scenario.Secret;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.sweep.SweepResult;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs actions against a scenario through the real composition root, recording what the invariants need. */
final class Runner {

    private static final String ALICE = "alice@contoso.com";
    private static final String BOB = "bob@contoso.com";
    private static final String BOB_OBJECT_ID = "9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b";
    private static final String APPROVER_ROLE = "KvRotator.Approver";

    private final World world;

    Runner(World world) {
        this.world = world;
    }

    /** What one action did that the invariants look at; the other worker may add to it from another thread. */
    static final class Observed {
        final Map<Secret, String> versionBefore = new java.util.concurrent.ConcurrentHashMap<>();
        final List<UnattendedFailure> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        final StringBuffer responses = new StringBuffer();
        final Map<Secret, String> revokedKeeping = new java.util.concurrent.ConcurrentHashMap<>();
        /** The values of these secrets were up for revocation: whether or not it succeeded, they may be dead. */
        final java.util.Set<Secret> revocationTried = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /** The latest version when a revocation that succeeded began: it and everything before it are compromised. */
        final Map<Secret, VersionView> latestWhenRevoked = new java.util.concurrent.ConcurrentHashMap<>();
        /** The new versions of the rotations (and revocations that rotated) answered as done. */
        final java.util.Set<String> rotatedVersions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean died;
    }

    /** @param seenVersion the version the event named, or the sweep listed */
    record UnattendedFailure(Secret secret, boolean retryable, Step step, String seenVersion) {
    }

    void run(Scenario scenario, Action action, Observed observed) {
        for (Secret secret : Secret.values()) {
            observed.versionBefore.put(secret, latest(scenario, secret).version());
        }
        world.figures.operations.incrementAndGet();
        try {
            install(scenario, action, observed);
            perform(scenario, action, observed);
        } catch (SteppedLock.WorkerDied e) {
            observed.died = true;
        } finally {
            awaitOther();
            world.lock.hook(null);
            world.sandbox.resetFaults();
        }
    }

    /**
     * The other worker's operation runs inside a stand-in's handling of the paused worker's call; a paused worker
     * whose call times out goes on meanwhile. The action ends when both have.
     */
    private void awaitOther() {
        java.util.concurrent.CompletableFuture<Void> other = otherDone;
        otherDone = null;
        if (other != null) {
            try {
                other.get(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the other worker ran", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the other worker's operation did not end", e);
            }
        }
    }

    private volatile java.util.concurrent.CompletableFuture<Void> otherDone;

    private void perform(Scenario scenario, Action action, Observed observed) {
        if (action instanceof Action.Deliver deliver) {
            deliver(scenario, deliver.worker(), event(scenario, deliver), observed);
        } else if (action instanceof Action.Redeliver redeliver) {
            String body = scenario.pending.pollFirst();
            if (body != null) {
                deliver(scenario, redeliver.worker(), body, observed);
            }
        } else if (action instanceof Action.Rotate rotate) {
            ApiResponse response = Worker.as(rotate.worker(), () -> scenario.workers[rotate.worker()].secretApi()
                    .rotate(request(scenario, rotate.secret(), "{\"reason\":\"model: rotate now\"}")));
            observed.responses.append(response.body()).append('\n');
            if (response.status() == 200) {
                observed.rotatedVersions.add(field(response.body(), "newVersion"));
            }
        } else if (action instanceof Action.Revoke revoke) {
            observed.revocationTried.add(revoke.secret());
            VersionView before = latest(scenario, revoke.secret());
            ApiResponse response = Worker.as(revoke.worker(), () -> revokeWithApproval(scenario, revoke));
            observed.responses.append(response.body()).append('\n');
            if (response.status() == 200) {
                observed.revokedKeeping.put(revoke.secret(), field(response.body(), "version"));
                observed.latestWhenRevoked.put(revoke.secret(), before);
                if (field(response.body(), "how").equals("rotated")) {
                    observed.rotatedVersions.add(field(response.body(), "version"));
                }
            }
        } else if (action instanceof Action.Sweep sweep) {
            SweepResult result = Worker.as(sweep.worker(), () -> scenario.workers[sweep.worker()].expirySweep().run());
            result.rotations().forEach(outcome -> unattended(outcome, null, observed));
        } else if (action instanceof Action.Advance advance) {
            world.clock.advance(Duration.ofDays(advance.days()));
        } else if (action instanceof Action.Retag retag) {
            retag(scenario, retag);
        }
    }

    /**
     * The two-person rule as engineers meet it: Alice asks (the provider is read to say what will stop working),
     * Bob, an approver, approves on the same worker, and the revocation runs. The answer is Alice's refusal or
     * failure, or else Bob's.
     */
    private static ApiResponse revokeWithApproval(Scenario scenario, Action.Revoke revoke) {
        var api = scenario.workers[revoke.worker()].approvalApi();
        ApiResponse requested = api.revoke(request(scenario, revoke.secret(), "{\"reason\":\"model: leaked\"}"));
        if (requested.status() != 202) {
            return requested;
        }
        return api.approve(new ApiRequest(Map.of("id", field(requested.body(), "requestId")), Map.of(),
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header(BOB, BOB_OBJECT_ID, List.of(APPROVER_ROLE))), null));
    }

    private static String field(String body, String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path(name).asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an answer without JSON: " + body, e);
        }
    }

    private void deliver(Scenario scenario, int worker, String body, Observed observed) {
        KeyVaultEventHandler.Delivery delivery = Worker.as(worker, () -> {
            try {
                return scenario.workers[worker].keyVaultEvents().handle(body);
            } catch (SteppedLock.WorkerDied e) {
                scenario.pending.addLast(body);
                throw e;
            }
        });
        String seen = body.replaceAll("(?s).*\"Version\": \"([0-9a-f]{32})\".*", "$1");
        delivery.outcomes().forEach(outcome -> unattended(outcome, seen, observed));
        if (delivery.shouldRedeliver()) {
            scenario.pending.addLast(body);
        }
    }

    private static void unattended(RotationOutcome outcome, String seenVersion, Observed observed) {
        if (outcome instanceof RotationOutcome.Rotated rotated) {
            observed.rotatedVersions.add(rotated.newVersion());
        }
        if (outcome instanceof RotationOutcome.Failed failed) {
            Secret secret = outcome.secret().name().equals(Scenario.name(Secret.STORAGE)) ? Secret.STORAGE : Secret.APP;
            observed.failures.add(new UnattendedFailure(secret, failed.retryable(), failed.failure().step(),
                    seenVersion));
        }
    }

    private String event(Scenario scenario, Action.Deliver deliver) {
        String previous = scenario.lastEvent.get(deliver.secret());
        if (deliver.which() == Action.Freshness.REPEAT && previous != null) {
            return previous;
        }
        List<VersionView> versions = world.sandbox.keyVault.versions(scenario.vault, Scenario.name(deliver.secret()));
        VersionView version = deliver.which() == Action.Freshness.STALE ? versions.get(0)
                : versions.get(versions.size() - 1);
        Instant expiresOn = version.expiresOn() == null ? world.clock.instant() : version.expiresOn();
        String body = KeyVaultEvents.event(deliver.expired() ? "Microsoft.KeyVault.SecretExpired"
                        : "Microsoft.KeyVault.SecretNearExpiry", UUID.randomUUID().toString(), scenario.vault,
                Scenario.name(deliver.secret()), version.version(), expiresOn, world.clock.instant());
        scenario.lastEvent.put(deliver.secret(), body);
        return body;
    }

    private void retag(Scenario scenario, Action.Retag retag) {
        Map<String, String> tags = new HashMap<>(scenario.honestTags.get(retag.secret()));
        VersionView latest = latest(scenario, retag.secret());
        tags.putAll(latest.tags());
        tags.put("ProviderAddress", scenario.honestTags.get(retag.secret()).get("ProviderAddress"));
        boolean storage = retag.secret() == Secret.STORAGE;
        switch (retag.lie()) {
            case HONEST -> { }
            case CREDENTIAL_ID_FLIPPED -> tags.put("CredentialId", storage
                    ? ("key1".equals(tags.get("CredentialId")) ? "key2" : "key1") : UUID.randomUUID().toString());
            case VICTIM_ACCOUNT_OR_APP -> tags.put("ProviderAddress", storage ? scenario.victimAccount
                    : scenario.victimApp);
            case OUTSIDE_THE_SCOPE -> tags.put("ProviderAddress", storage ? scenario.outsideAccount
                    : UUID.randomUUID().toString());
        }
        world.sandbox.keyVault.retag(scenario.vault, Scenario.name(retag.secret()), tags);
    }

    VersionView latest(Scenario scenario, Secret secret) {
        List<VersionView> versions = world.sandbox.keyVault.versions(scenario.vault, Scenario.name(secret));
        return versions.get(versions.size() - 1);
    }

    private static ApiRequest request(Scenario scenario, Secret secret, String body) {
        return new ApiRequest(Map.of("vault", scenario.vault, "name", Scenario.name(secret)), Map.of(),
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header(ALICE, List.of())), body);
    }

    /** Installs the action's fault on its service and its interruption on the lock or on the verify call. */
    private void install(Scenario scenario, Action action, Observed observed) {
        Map<String, Faults> byService = new HashMap<>();
        Fault fault = action.fault();
        if (fault != null) {
            world.figures.faults.computeIfAbsent(fault.kind().name(), kind -> new AtomicInteger()).incrementAndGet();
            AtomicInteger calls = new AtomicInteger();
            byService.put(fault.service(), (service, request) -> injection(fault, calls.incrementAndGet()));
        }
        Action.Interruption interruption = action.interruption();
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

    private void interruptAtLease(Scenario scenario, Action.Interruption interruption, int actor, Observed observed) {
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
            runOther(scenario, interruption, actor, observed);
        });
    }

    /**
     * The actor's verification is answered only after the other worker ran: a worker slow between verifying and
     * storing, whose lease may have been lost meanwhile. Armed by the actor's issue call (regenerateKey,
     * addPassword), fired by its next verification call (blob or token endpoint).
     */
    private void pauseAfterVerification(Scenario scenario, Action.Interruption interruption, int actor,
                                        Observed observed, Map<String, Faults> byService) {
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        Faults arming = (service, request) -> {
            if (request.path().endsWith("/regenerateKey") || request.path().endsWith("/addPassword")) {
                armed.set(true);
            }
            return Faults.Injection.NONE;
        };
        Faults pausing = (service, request) -> armed.get() && fired.compareAndSet(false, true)
                ? Faults.Injection.pauseBeforeAnswer(() -> {
                    if (interruption.leaseLost()) {
                        world.lock.loseAllOf(actor);
                    }
                    runOther(scenario, interruption, actor, observed);
                })
                : Faults.Injection.NONE;
        for (String service : List.of("arm", "graph")) {
            byService.merge(service, arming, Runner::both);
        }
        for (String service : List.of("blob", "entra")) {
            byService.merge(service, pausing, Runner::both);
        }
    }

    private void runOther(Scenario scenario, Action.Interruption interruption, int actor, Observed observed) {
        if (interruption.other() == null) {
            return;
        }
        Observed nested = new Observed();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        otherDone = done;
        try {
            Worker.as(1 - actor, () -> {
                perform(scenario, interruption.other(), nested);
                return null;
            });
        } finally {
            observed.failures.addAll(nested.failures);
            observed.responses.append(nested.responses);
            observed.revokedKeeping.putAll(nested.revokedKeeping);
            observed.revocationTried.addAll(nested.revocationTried);
            observed.latestWhenRevoked.putAll(nested.latestWhenRevoked);
            observed.rotatedVersions.addAll(nested.rotatedVersions);
            done.complete(null);
        }
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

    private static final int OUTAGE_CALLS = 6;

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
