package io.kvrotator.reliability.safety;

import io.kvrotator.failure.Step;
import io.kvrotator.reliability.safety.Scenario.Secret;
import io.kvrotator.sandbox.ArmStandIn.KeyState;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The safety invariants of DESIGN.md section 4, checked against the stand-ins' own state after every operation:
 * <ul>
 * <li>I1 the latest enabled version's value works at the provider;</li>
 * <li>I2 a value handed out within the overlap still works, unless a revocation was asked for since (dual keys: the
 *     previous value until the latest is older than the minimum rotation age; app secrets: every value superseded
 *     less than the overlap ago);</li>
 * <li>I3 after a revoke answered as success, no value from before it works;</li>
 * <li>I4 nothing changes at a resource the secret's value does not belong to;</li>
 * <li>I5 no version is written whose value does not work;</li>
 * <li>I6 every unattended failure is told, and no failure of a version is told twice;</li>
 * <li>I7 no secret value in a log line, response, notice or event;</li>
 * <li>I8 one {@code rotated} event per rotation ({@link Announcements}).</li>
 * </ul>
 */
final class Invariants {

    static final Duration APP_OVERLAP = Duration.ofDays(7);
    /** Dual keys: the next rotation regenerates the previous version's key, and may not start before this age. */
    static final Duration MINIMUM_ROTATION_AGE = Duration.ofHours(24);
    private static final Pattern FAILURE_NOTICE = Pattern.compile("notice kind=ROTATION_FAILED .*? location=(\\S+)"
            + " object=(\\S+) .*? summary=\"Rotation failed at step (\\S+)\" detail=\"(.*) \\(version ([0-9a-f]{32})\\)\"",
            Pattern.DOTALL);

    private final World world;
    private final Scenario scenario;
    private final Map<String, Integer> told = new HashMap<>();
    private final Map<String, Object> victims;
    private final List<String> writeViolations = new ArrayList<>();
    private int logsSeen;
    private int teamsSeen;
    private int mailSeen;
    private int eventsSeen;
    private int retireNotices;
    private final Announcements announcements;

    Invariants(World world, Scenario scenario, int logsSeen) {
        this.world = world;
        this.scenario = scenario;
        this.logsSeen = logsSeen;
        this.teamsSeen = world.sandbox.teams.posted().size();
        this.mailSeen = world.sandbox.graph.sentMail().size();
        this.eventsSeen = world.sandbox.eventGrid.events().size();
        this.announcements = new Announcements(world, scenario);
        this.victims = victims();
        world.sandbox.keyVault.onSecretWritten((vault, name, value) -> {
            if (vault.equals(scenario.vault)) {
                Secret secret = Scenario.named(name);
                if (secret == Secret.KEYED) {
                    scenario.keyed.remember(value);
                }
                if (!works(secret).contains(SecretValue.fingerprintOf(value))) {
                    writeViolations.add("I5 a version of " + name + " was written holding a value that does not work");
                }
            }
        });
    }

    /** Checks every invariant after {@code action}; returns the violations, empty when all hold. */
    List<String> check(Runner.Observed observed, List<String> logLines) {
        List<String> violations = new ArrayList<>(writeViolations);
        writeViolations.clear();
        for (Secret secret : Secret.values()) {
            List<VersionView> versions = world.sandbox.keyVault.versions(scenario.vault, Scenario.name(secret));
            Set<String> works = works(secret);
            String kept = observed.revokedKeeping.get(secret);
            if (kept != null) {
                // Compromised: the latest version when the revocation began and every version before it. When a
                // revocation made that version and this request asked again, it is what is kept, and so is its
                // value in older copies of it (a write applied twice); otherwise what is kept must be newer.
                List<String> ids = versions.stream().map(VersionView::version).toList();
                VersionView before = observed.latestWhenRevoked.get(secret);
                boolean repeated = before.tags().containsKey("RevokedAt");
                int last = ids.indexOf(before.version()) + (repeated ? 0 : 1);
                String keptPrint = repeated ? before.fingerprint() : null;
                versions.subList(0, last).stream().map(VersionView::fingerprint)
                        .filter(print -> !print.equals(keptPrint))
                        .forEach(scenario.revokedFingerprints.get(secret)::add);
            }
            Set<String> revoked = scenario.revokedFingerprints.get(secret);
            Set<String> exempt = scenario.upForRevocation.get(secret);
            if (observed.revocationTried.contains(secret)) {
                String latest = versions.get(versions.size() - 1).fingerprint();
                versions.stream().map(VersionView::fingerprint).filter(print -> !print.equals(latest))
                        .forEach(exempt::add);
            }
            latestEnabled(versions).filter(latest -> !works.contains(latest.fingerprint())).ifPresent(latest ->
                    violations.add("I1 the latest enabled version of " + secret + " (" + latest.version()
                            + ") holds a value that does not work"));
            overlap(secret, versions).stream().filter(print -> !exempt.contains(print) && !works.contains(print))
                    .findFirst().ifPresent(print -> violations.add("I2 a value of " + secret
                            + " handed out within the overlap stopped working (fingerprint " + print + ")"));
            revoked.stream().filter(works::contains).findFirst().ifPresent(print -> violations.add("I3 a value of "
                    + secret + " from before a successful revocation still works (fingerprint " + print + ")"));
        }
        if (!victims().equals(victims)) {
            violations.add("I4 a resource the secrets do not belong to was changed: " + victims + " -> " + victims());
        }
        notices(observed, logLines, violations);
        leaks(observed, logLines, violations);
        violations.addAll(announcements.check(observed));
        world.figures.invariantChecks.addAndGet(8);
        return violations;
    }

    private void notices(Runner.Observed observed, List<String> logLines, List<String> violations) {
        for (String line : logLines.subList(Math.min(logsSeen, logLines.size()), logLines.size())) {
            Matcher notice = FAILURE_NOTICE.matcher(line);
            if (notice.find() && notice.group(1).equals(scenario.vault)) {
                Secret secret = Scenario.named(notice.group(2));
                String step = notice.group(3);
                String kind = step.equals(Step.RETIRE.label()) ? "retire-" + ++retireNotices
                        : notice.group(4).contains("It will be retried") ? "retryable" : "terminal-" + step;
                String key = secret + "/" + notice.group(5) + "/" + kind;
                if (told.merge(key, 1, Integer::sum) > 1) {
                    violations.add("I6 a failure was told twice: " + key);
                }
            }
        }
        for (Runner.UnattendedFailure failure : observed.failures) {
            String kind = failure.retryable() ? "retryable" : "terminal-" + failure.step();
            String latest = failure.secret() + "/" + observed.versionBefore.get(failure.secret()) + "/" + kind;
            String seen = failure.secret() + "/" + failure.seenVersion() + "/" + kind;
            if (!told.containsKey(latest) && !told.containsKey(seen)) {
                violations.add("I6 an unattended failure was never told: " + latest);
            }
        }
    }

    private void leaks(Runner.Observed observed, List<String> logLines, List<String> violations) {
        StringBuilder said = new StringBuilder(observed.responses);
        logLines.subList(Math.min(logsSeen, logLines.size()), logLines.size()).forEach(line -> said.append(line).append('\n'));
        var posted = world.sandbox.teams.posted();
        posted.subList(Math.min(teamsSeen, posted.size()), posted.size()).forEach(p -> said.append(p.text()).append('\n'));
        var mail = world.sandbox.graph.sentMail();
        mail.subList(Math.min(mailSeen, mail.size()), mail.size()).forEach(m -> said.append(m.body()).append('\n'));
        var events = world.sandbox.eventGrid.events();
        events.subList(Math.min(eventsSeen, events.size()), events.size()).forEach(e -> said.append(e).append('\n'));
        logsSeen = logLines.size();
        teamsSeen = posted.size();
        mailSeen = mail.size();
        eventsSeen = events.size();
        int leaked = IssuedSecrets.foundIn(said.toString()).size();
        if (leaked > 0) {
            violations.add("I7 " + leaked + " secret value(s) appeared in logs, responses or notices");
        }
    }

    /** Fingerprints of the credentials the team's resource accepts now. */
    private Set<String> works(Secret secret) {
        return switch (secret) {
            case STORAGE -> world.sandbox.arm.keysOfAccountNamed(scenario.accountName(scenario.teamAccount))
                    .orElseThrow().values().stream().map(KeyState::fingerprint).collect(Collectors.toSet());
            case APP -> world.sandbox.graph.passwords(scenario.teamApp).stream().map(PasswordState::fingerprint)
                    .collect(Collectors.toSet());
            case KEYED -> scenario.keyed.working();
        };
    }

    /**
     * The values consumers may still rely on: the previous one of two alternating credentials (dual keys, and
     * PostgreSQL's two logins), app passwords superseded recently.
     */
    private List<String> overlap(Secret secret, List<VersionView> versions) {
        List<VersionView> generations = new ArrayList<>();
        for (VersionView version : versions) {
            if (generations.isEmpty() || !generations.get(generations.size() - 1).fingerprint()
                    .equals(version.fingerprint())) {
                generations.add(version);
            }
        }
        List<String> held = new ArrayList<>();
        Instant now = world.clock.instant();
        for (int i = generations.size() - 2; i >= 0; i--) {
            Instant superseded = generations.get(i + 1).created();
            boolean withinOverlap = secret != Secret.APP
                    ? i == generations.size() - 2 && now.isBefore(superseded.plus(MINIMUM_ROTATION_AGE))
                    : now.isBefore(superseded.plus(APP_OVERLAP));
            if (withinOverlap) {
                held.add(generations.get(i).fingerprint());
            }
        }
        return held;
    }

    private static java.util.Optional<VersionView> latestEnabled(List<VersionView> versions) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).enabled()) {
                return java.util.Optional.of(versions.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    private Map<String, Object> victims() {
        Map<String, Object> state = new HashMap<>();
        for (String account : List.of(scenario.victimAccount, scenario.outsideAccount)) {
            state.put(account, world.sandbox.arm.keysOfAccountNamed(scenario.accountName(account)).orElseThrow()
                    .values().stream().map(KeyState::fingerprint).collect(Collectors.toSet()));
        }
        state.put(scenario.victimApp, world.sandbox.graph.passwords(scenario.victimApp).stream()
                .map(PasswordState::keyId).collect(Collectors.toSet()));
        state.put(scenario.keyed.choice.toString(), scenario.keyed.elsewhere());
        return state;
    }
}
