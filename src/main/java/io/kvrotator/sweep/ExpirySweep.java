package io.kvrotator.sweep;

import io.kvrotator.accessreview.AccessReview;
import io.kvrotator.accessreview.AccessReviewReport;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.rotation.RotationRequest;
import io.kvrotator.rotation.Rotator;
import io.kvrotator.rotation.Trigger;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.SecretStore;
import io.kvrotator.vault.SecretVersion;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The daily safety net. In order:
 * <ol>
 * <li>list every source ({@link ExpiryScanner});</li>
 * <li>rotate the secrets that carry a {@code CredentialType} and are inside the rotation window: their event
 *     may have been lost ({@link Trigger.Sweep}, with the latest version as the version seen);</li>
 * <li>per scope, claim in the {@link NotificationLedger} the threshold alerts that are due, then send them: one
 *     alert per item per threshold, the most urgent one crossed, so a missed day catches up without a burst;</li>
 * <li>send the digest of what is failing to rotate, expired, expiring or a policy gap, and of what the access review
 *     finds about who can read each vault ({@link AccessReviewEntries}): at most one per addressee per UTC day
 *     ({@link DailyDigests});</li>
 * <li>retire overdue superseded credentials of the secrets not rotated today (app passwords past their overlap),
 *     from the listed version's tags;</li>
 * <li>send the events held while the Event Grid topic was down.</li>
 * </ol>
 * A threshold alert about a secret is also announced to machines ({@link SecretEvent.NearExpiry}), and so is each
 * finding of the access review ({@link AccessFindingEvents}), whether or not today's digest was already sent.
 * Alerts are claimed before they are sent: two overlapping sweeps never send one twice, and a crash between claim
 * and send loses one alert, which the next digest still lists; an alert no channel delivered is given back for the
 * next sweep ({@link UndeliveredAlerts}).
 */
public final class ExpirySweep {

    private static final System.Logger LOG = System.getLogger(ExpirySweep.class.getName());
    private static final int LEDGER_ATTEMPTS = 5;
    static final String ROTATION_REASON = "ExpirySweep";

    private final ExpiryScanner scanner;
    private final AlertThresholds thresholds;
    private final NotificationLedger ledger;
    private final NoticeDispatcher notices;
    private final OutcomeEvents events;
    private final Rotator rotator;
    private final Duration rotationWindow;
    private final SecretStore secrets;
    private final OverdueRetirement retirement;
    private final AccessReview accessReview;
    private final DailyDigests digests;
    private final UndeliveredAlerts undelivered;

    /** Removes credentials a secret's latest version superseded long enough ago; returns what it removed. */
    @FunctionalInterface
    public interface OverdueRetirement {
        List<String> retire(SecretVersion latest, Instant now);
    }

    /**
     * @param rotationWindow how long before expiry a tagged secret is rotated (as for Key Vault's event)
     * @param secrets        where the latest version of a secret is read, as the rotation reads it
     * @param accessReview   who can read each vault, for the digest; null or off: the digest has no access part
     */
    public ExpirySweep(ExpiryScanner scanner, AlertThresholds thresholds, NotificationLedger ledger,
                       NoticeDispatcher notices, OutcomeEvents events, Rotator rotator, Duration rotationWindow,
                       SecretStore secrets, OverdueRetirement retirement, AccessReview accessReview) {
        this.scanner = scanner;
        this.thresholds = thresholds;
        this.ledger = ledger;
        this.notices = notices;
        this.events = events;
        this.rotator = rotator;
        this.rotationWindow = rotationWindow;
        this.secrets = secrets;
        this.retirement = retirement;
        this.accessReview = accessReview;
        this.digests = new DailyDigests(ledger);
        this.undelivered = new UndeliveredAlerts(ledger);
    }

    public SweepResult run() {
        ExpiryReport listed = scanner.scan();
        List<RotationOutcome> rotations = new ArrayList<>();
        ExpiryReport report = rotateMissed(listed, rotations);
        List<Notice> alerts = new ArrayList<>();
        Map<String, List<ExpiryItem>> byScope = report.items().stream()
                .collect(Collectors.groupingBy(ExpiryItem::scope, LinkedHashMap::new, Collectors.toList()));
        byScope.forEach((scope, items) -> alerts.addAll(alert(scope, items, report.asOf())));
        List<Digest.Entry> entries = new ArrayList<>(ExpiryNotices.digest(report, thresholds.widest(), rotations)
                .entries());
        Optional<AccessReviewReport> access = AccessReviewEntries.review(accessReview);
        access.map(AccessReviewEntries::of).ifPresent(entries::addAll);
        Digest digest = digests.claim(new Digest(report.asOf(), entries))
                .orElse(new Digest(report.asOf(), List.of()));
        if (!digest.entries().isEmpty()) {
            notices.publish(digest);
        }
        access.map(AccessFindingEvents::of).ifPresent(findings -> findings.forEach(events::publish));
        retireOverdue(listed, rotations);
        events.sendHeld();
        LOG.log(Level.INFO, () -> "sweep.done items=%d alerts=%d rotations=%d unreadable=%s %s".formatted(
                report.items().size(), alerts.size(), rotations.size(), report.unreadable().stream()
                        .map(ExpiryReport.UnreadableSource::scope).toList(), digest.describe()));
        return new SweepResult(report, alerts, rotations, digest);
    }

    /** Rotates what an event should have rotated; returns the report with the rotated items' new expiries. */
    private ExpiryReport rotateMissed(ExpiryReport report, List<RotationOutcome> rotations) {
        List<ExpiryItem> items = new ArrayList<>();
        for (ExpiryItem item : report.items()) {
            boolean candidate = item.kind() == ItemKind.SECRET && item.credentialType() != null
                    && item.expiresOn() != null && !item.expiresOn().isAfter(report.asOf().plus(rotationWindow));
            Optional<String> version = candidate ? latestVersion(item) : Optional.empty();
            if (version.isEmpty()) {
                items.add(item);
                continue;
            }
            SecretRef secret = new SecretRef(item.location(), item.name());
            RotationOutcome outcome = rotator.rotate(new RotationRequest(secret, new Trigger.Sweep(), ROTATION_REASON,
                    version.get(), report.asOf(), !item.expiresOn().isAfter(report.asOf())));
            rotations.add(outcome);
            items.add(outcome instanceof RotationOutcome.Rotated rotated
                    ? new ExpiryItem(item.scope(), item.kind(), item.id(), item.location(), item.name(),
                    rotated.expiresOn(), item.owners(), item.credentialType(), item.listed())
                    : item);
        }
        return new ExpiryReport(report.asOf(), items, report.unreadable(), report.refusedRecipients());
    }

    /** Secrets rotated today retired their overdue credentials already; the others are checked from the list. */
    private void retireOverdue(ExpiryReport listed, List<RotationOutcome> rotations) {
        for (ExpiryItem item : listed.items()) {
            boolean rotatedToday = rotations.stream().anyMatch(outcome -> outcome instanceof RotationOutcome.Rotated
                    && outcome.secret().vault().equals(item.location()) && outcome.secret().name().equals(item.name()));
            if (item.listed() == null || item.credentialType() == null || rotatedToday) {
                continue;
            }
            try {
                List<String> removed = retirement.retire(item.listed(), listed.asOf());
                if (!removed.isEmpty()) {
                    LOG.log(Level.INFO, () -> "sweep.retired secret=%s/%s keyIds=%s"
                            .formatted(item.location(), item.name(), removed));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "sweep.retire_failed secret=%s/%s error=%s (tried again tomorrow)"
                        .formatted(item.location(), item.name(), SafeErrorText.of(e)));
            }
        }
    }

    private Optional<String> latestVersion(ExpiryItem item) {
        try {
            return secrets.latest(new SecretRef(item.location(), item.name())).map(SecretVersion::version);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "sweep.latest_version_failed secret=%s/%s error=%s (not rotated today)"
                    .formatted(item.location(), item.name(), SafeErrorText.of(e)));
            return Optional.empty();
        }
    }

    /** Claims the due alerts of one scope in the ledger, then sends them. */
    private List<Notice> alert(String scope, List<ExpiryItem> items, Instant now) {
        try {
            for (int attempt = 1; attempt <= LEDGER_ATTEMPTS; attempt++) {
                NotificationLedger.Versioned stored = ledger.read(scope);
                Map<String, AlertRecord.Sent> next = new LinkedHashMap<>();
                Map<String, Notice> due = new LinkedHashMap<>();
                List<SecretEvent> dueEvents = new ArrayList<>();
                for (ExpiryItem item : items) {
                    List<String> crossed = thresholds.crossed(item.expiresOn(), now);
                    if (crossed.isEmpty()) {
                        continue;
                    }
                    List<String> sent = stored.record().sent(item);
                    thresholds.due(item.expiresOn(), now, sent).ifPresent(threshold -> {
                        due.put(item.key(), ExpiryNotices.alert(item, threshold, now));
                        ExpiryNotices.event(item, threshold, now).ifPresent(dueEvents::add);
                    });
                    LinkedHashSet<String> recorded = new LinkedHashSet<>(sent);
                    recorded.addAll(crossed);
                    next.put(item.key(), new AlertRecord.Sent(item.expiresOn(), List.copyOf(recorded)));
                }
                AlertRecord record = stored.record().next(next);
                if (record.equals(stored.record()) || ledger.write(scope, record, stored.version())) {
                    List<String> notDelivered = new ArrayList<>();
                    due.forEach((key, alert) -> {
                        if (!notices.publish(alert)) {
                            notDelivered.add(key);
                        }
                    });
                    dueEvents.forEach(events::publish);
                    if (!notDelivered.isEmpty()) {
                        undelivered.giveBack(scope, stored.record(), record, notDelivered);
                    }
                    return List.copyOf(due.values());
                }
                int tried = attempt;
                LOG.log(Level.INFO, () -> "sweep.ledger_conflict scope=%s attempt=%d (another sweep wrote first)"
                        .formatted(scope, tried));
            }
            LOG.log(Level.ERROR, () -> ("sweep.alerts_skipped scope=%s (the alert record kept changing; the digest"
                    + " still lists its items)").formatted(scope));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> ("sweep.alerts_skipped scope=%s error=%s (alert record unavailable; the"
                    + " digest still lists its items)").formatted(scope, SafeErrorText.of(e)));
        }
        return List.of();
    }
}
