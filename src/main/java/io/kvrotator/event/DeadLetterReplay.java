package io.kvrotator.event;

import io.kvrotator.event.DeadLetterStore.Content;
import io.kvrotator.event.DeadLetterStore.DeadLetter;
import io.kvrotator.event.KeyVaultEventHandler.Delivery;
import io.kvrotator.event.ReplaySummary.Left;
import io.kvrotator.event.ReplaySummary.Outcome;
import io.kvrotator.event.ReplaySummary.Replayed;
import io.kvrotator.event.ReplaySummary.ReplayedEvent;
import io.kvrotator.event.ReplaySummary.Why;
import io.kvrotator.rotation.RotationOutcome;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Hands Event Grid's dead letters, after whatever made their deliveries fail was fixed, to the same
 * {@link KeyVaultEventHandler} live deliveries go to. Replaying is safe: the protocol rotates nothing for a duplicate
 * or a stale event. A dead letter whose events were all handled is deleted (the rotated versions' tags and the log
 * keep the record; a copy would be a second record nobody reads). One whose rotation failed in a way a retry may
 * fix stays for the next replay; one with a rejected event or a terminal failure stays, and the summary says why.
 */
public final class DeadLetterReplay {

    /** No dead letter is taken on after this long, so that the summary comes back within the HTTP front end's 230 s. */
    static final Duration TIME_BUDGET = Duration.ofSeconds(120);

    private static final System.Logger LOG = System.getLogger(DeadLetterReplay.class.getName());

    private final DeadLetterStore store;
    private final KeyVaultEventHandler handler;
    private final Clock clock;

    public DeadLetterReplay(DeadLetterStore store, KeyVaultEventHandler handler, Clock clock) {
        this.store = store;
        this.handler = handler;
        this.clock = clock;
    }

    /** Replays the selected dead letters, oldest first; {@link DeadLetterStore.Unavailable} when none can be listed. */
    public ReplaySummary replay(ReplaySelection selection, String requestedBy) {
        Instant deadline = clock.instant().plus(TIME_BUDGET);
        List<Replayed> replayed = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        int skipped = 0;
        int remaining = 0;
        for (DeadLetter deadLetter : store.list().stream().sorted(Comparator.comparing(DeadLetter::deadLetteredAt)
                .thenComparing(DeadLetter::name)).toList()) {
            if (!selection.includes(deadLetter.deadLetteredAt())) {
                skipped++;
            } else if (replayed.size() + left.size() >= selection.max() || !clock.instant().isBefore(deadline)) {
                remaining++;
            } else {
                Optional<Outcome> outcome = replay(deadLetter, selection.dryRun());
                if (outcome.isEmpty()) {
                    skipped++;
                } else if (outcome.get() instanceof Replayed done) {
                    replayed.add(done);
                } else {
                    left.add((Left) outcome.get());
                }
                outcome.filter(ignored -> !selection.dryRun()).ifPresent(DeadLetterReplay::log);
            }
        }
        ReplaySummary summary = new ReplaySummary(selection.dryRun(), replayed, left, skipped, remaining);
        LOG.log(Level.INFO, () -> ("deadletter.replay requestedBy=%s dryRun=%s replayed=%d left=%d skipped=%d"
                + " remaining=%d").formatted(requestedBy, summary.dryRun(), replayed.size(), left.size(),
                summary.skipped(), summary.remaining()));
        return summary;
    }

    /** Empty when the dead letter is gone by the time it is read. */
    private Optional<Outcome> replay(DeadLetter deadLetter, boolean dryRun) {
        if (deadLetter.bytes() > KeyVaultEventParser.MAX_BODY_BYTES) {
            return Optional.of(left(deadLetter, null, Why.UNREADABLE, "it is larger than "
                    + KeyVaultEventParser.MAX_BODY_BYTES + " bytes, which no Event Grid delivery is"));
        }
        Optional<Content> content;
        try {
            content = store.read(deadLetter);
        } catch (DeadLetterStore.Unavailable e) {
            return Optional.of(left(deadLetter, null, Why.UNREADABLE, e.getMessage()));
        }
        return content.map(read -> dryRun ? preview(deadLetter, read) : handle(deadLetter, read));
    }

    private Outcome preview(DeadLetter deadLetter, Content content) {
        String deadLetterReason = DeadLetterReasons.of(content.body());
        List<ParsedEvent> admitted = handler.admit(content.body());
        List<ParsedEvent.Rejected> rejections = admitted.stream().filter(ParsedEvent.Rejected.class::isInstance)
                .map(ParsedEvent.Rejected.class::cast).toList();
        if (!rejections.isEmpty()) {
            return left(deadLetter, deadLetterReason, Why.REJECTED_EVENT, rejected(rejections));
        }
        return new Replayed(deadLetter.name(), deadLetter.deadLetteredAt(), deadLetterReason, admitted.stream()
                .map(event -> replayedEvent(((ParsedEvent.Accepted) event).event(), null, null)).toList());
    }

    private Outcome handle(DeadLetter deadLetter, Content content) {
        String deadLetterReason = DeadLetterReasons.of(content.body());
        Delivery delivery = handler.handle(content.body());
        if (delivery.shouldRedeliver()) {
            return left(deadLetter, deadLetterReason, Why.RETRYABLE_FAILURE, delivery.redeliveryReason());
        }
        if (!delivery.rejections().isEmpty()) {
            return left(deadLetter, deadLetterReason, Why.REJECTED_EVENT, rejected(delivery.rejections()));
        }
        String terminal = delivery.outcomes().stream().filter(RotationOutcome.Failed.class::isInstance)
                .map(RotationOutcome.Failed.class::cast)
                .map(failed -> failed.secret() + ": step " + failed.failure().step() + ": "
                        + failed.failure().message())
                .collect(Collectors.joining("; "));
        if (!terminal.isEmpty()) {
            return left(deadLetter, deadLetterReason, Why.TERMINAL_FAILURE, terminal);
        }
        try {
            if (!store.remove(deadLetter, content)) {
                return left(deadLetter, deadLetterReason, Why.NOT_REMOVED, "its events were handled, but it changed"
                        + " since it was read; the next replay reads it again");
            }
        } catch (DeadLetterStore.Unavailable e) {
            return left(deadLetter, deadLetterReason, Why.NOT_REMOVED, "its events were handled, but it could not be"
                    + " removed: " + e.getMessage());
        }
        return new Replayed(deadLetter.name(), deadLetter.deadLetteredAt(), deadLetterReason, delivery.handled()
                .stream().map(handled -> replayedEvent(handled.event(), keyword(handled.outcome()),
                        detail(handled.outcome()))).toList());
    }

    private static Left left(DeadLetter deadLetter, String deadLetterReason, Why why, String reason) {
        return new Left(deadLetter.name(), deadLetter.deadLetteredAt(), deadLetterReason, why, reason);
    }

    private static String rejected(List<ParsedEvent.Rejected> rejections) {
        return rejections.stream().map(rejection -> "event " + rejection.eventId() + ": " + rejection.reason())
                .collect(Collectors.joining("; "));
    }

    private static ReplayedEvent replayedEvent(KeyVaultEvent event, String outcome, String detail) {
        return new ReplayedEvent(event.id(), event.type().shortName(), event.secret().vault(), event.secret().name(),
                event.version(), outcome, detail);
    }

    private static String keyword(RotationOutcome outcome) {
        if (outcome instanceof RotationOutcome.Rotated) {
            return "rotated";
        }
        if (outcome instanceof RotationOutcome.Skipped) {
            return "skipped";
        }
        if (outcome instanceof RotationOutcome.NotFound) {
            return "secret-not-found";
        }
        return outcome instanceof RotationOutcome.TooSoon ? "too-soon" : "notified-only";
    }

    private static String detail(RotationOutcome outcome) {
        if (outcome instanceof RotationOutcome.Rotated rotated) {
            return "new version " + rotated.newVersion();
        }
        if (outcome instanceof RotationOutcome.Skipped skipped) {
            return skipped.reason();
        }
        if (outcome instanceof RotationOutcome.TooSoon tooSoon) {
            return "version " + tooSoon.version() + " may be rotated from " + tooSoon.notBefore();
        }
        return outcome instanceof RotationOutcome.NotifiedOnly ? "no CredentialType tag: its owners were told" : null;
    }

    private static void log(Outcome outcome) {
        String deadLetter = outcome.deadLetter().replaceAll("\\p{Cntrl}", "?");
        if (outcome instanceof Replayed replayed) {
            LOG.log(Level.INFO, () -> "deadletter.replayed blob=%s events=%s (removed)".formatted(deadLetter,
                    replayed.events().stream().map(event -> event.eventId() + ":" + event.outcome()).toList()));
        } else if (outcome instanceof Left left) {
            LOG.log(Level.WARNING, () -> "deadletter.left blob=%s why=%s reason=\"%s\"".formatted(deadLetter,
                    left.why(), left.reason()));
        }
    }
}
