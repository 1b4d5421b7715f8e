package io.kvrotator.reliability.safety;

import io.kvrotator.api.ApiRequest;
import io.kvrotator.api.ApiResponse;
import io.kvrotator.event.KeyVaultEventHandler;
import io.kvrotator.failure.Step;
import io.kvrotator.reliability.safety.Scenario.Secret;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sweep.SweepResult;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs actions against a scenario through the real composition root, recording what the invariants need. */
final class Runner {

    private static final String ALICE = "alice@contoso.com";
    private static final String BOB = "bob@contoso.com";
    private static final String BOB_OBJECT_ID = "9b7c1e44-2f0a-4d6b-8a53-6c1d2e3f4a5b";
    private static final String APPROVER_ROLE = "KvRotator.Approver";

    /** A fault's service that stands for whichever stand-in verifies the scenario's keyed secret. */
    static final String KEYED_SERVICE = "keyed-verify";

    private final World world;
    private final Disturbances disturbances;

    Runner(World world) {
        this.world = world;
        this.disturbances = new Disturbances(world, this::runOther);
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
            disturbances.install(scenario, action, observed);
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
            observed.failures.add(new UnattendedFailure(Scenario.named(outcome.secret().name()), failed.retryable(), failed.failure().step(),
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
        tags.putAll(latest(scenario, retag.secret()).tags());
        if (retag.secret() == Secret.KEYED) {
            retagKeyed(scenario.keyed, retag.lie(), tags);
        } else {
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
        }
        world.sandbox.keyVault.retag(scenario.vault, Scenario.name(retag.secret()), tags);
    }

    /** Which resource and credential the keyed secret claims: its own (the credential it holds now), or a lie. */
    private static void retagKeyed(KeyedCredential keyed, Action.Lie lie, Map<String, String> tags) {
        String holds = tags.get("CredentialId");
        tags.putAll(KeyedCredential.identity(keyed.team.tags()));
        tags.put("CredentialId", holds);
        switch (lie) {
            case HONEST -> { }
            case CREDENTIAL_ID_FLIPPED -> tags.put("CredentialId", keyed.flipped(holds));
            case VICTIM_ACCOUNT_OR_APP -> tags.putAll(KeyedCredential.identity(keyed.victim.tags()));
            case OUTSIDE_THE_SCOPE -> tags.putAll(KeyedCredential.identity(keyed.outside.tags()));
        }
    }

    VersionView latest(Scenario scenario, Secret secret) {
        List<VersionView> versions = world.sandbox.keyVault.versions(scenario.vault, Scenario.name(secret));
        return versions.get(versions.size() - 1);
    }

    private static ApiRequest request(Scenario scenario, Secret secret, String body) {
        return new ApiRequest(Map.of("vault", scenario.vault, "name", Scenario.name(secret)), Map.of(),
                Map.of("X-MS-CLIENT-PRINCIPAL", Principals.header(ALICE, List.of())), body);
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

}
