package io.kvrotator.sweep;

import io.kvrotator.notify.Digest;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import io.kvrotator.publish.SecretEvent;
import io.kvrotator.rotation.RotationOutcome;
import io.kvrotator.vault.SecretRef;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the sweep tells people (one alert per threshold crossed, and the daily digest) and machines. */
final class ExpiryNotices {

    private ExpiryNotices() {
    }

    static Notice alert(ExpiryItem item, String threshold, Instant now) {
        boolean expired = threshold.equals(AlertThresholds.EXPIRED);
        long daysLeft = ExpiryText.daysLeft(item.expiresOn(), now);
        Severity severity = expired ? Severity.ERROR : daysLeft <= 7 ? Severity.WARNING : Severity.INFO;
        String summary = expired
                ? "Expired (" + ExpiryText.daysLeftText(item.expiresOn(), now) + ")"
                : "Expires in " + (daysLeft == 0 ? "less than a day" : daysLeft + (daysLeft == 1 ? " day" : " days"))
                + " (" + threshold.replace("d", "-day") + " alert)";
        return new Notice(expired ? NoticeKind.EXPIRED : NoticeKind.NEAR_EXPIRY, severity, item.location(),
                item.name(), item.kind().label(), item.expiresOn(), item.owners(), summary, whatToDo(item));
    }

    /** The alert as an event, for a Key Vault secret; certificates and app credentials are told to people only. */
    static Optional<SecretEvent> event(ExpiryItem item, String threshold, Instant now) {
        if (item.kind() != ItemKind.SECRET) {
            return Optional.empty();
        }
        return Optional.of(new SecretEvent.NearExpiry(new SecretRef(item.location(), item.name()), now,
                item.expiresOn(), threshold, ExpiryText.daysLeft(item.expiresOn(), now), item.credentialType() != null,
                "sweep"));
    }

    private static String whatToDo(ExpiryItem item) {
        return switch (item.kind()) {
            case SECRET -> item.credentialType() != null
                    ? "kv-rotator rotates this secret (CredentialType=" + item.credentialType() + ") but has not yet:"
                    + " look for a 'Rotation failed' notice, fix its cause, then rotate by hand (POST /api/secrets/"
                    + item.location() + "/" + item.name() + "/rotate)."
                    : "Nothing rotates it automatically: replace the value by hand and set a new expiry, or tag it"
                    + " with " + Tags.CREDENTIAL_TYPE + " so kv-rotator can rotate it.";
            case CERTIFICATE -> "Renew the certificate, or give it an issuer and a lifetime action so Key Vault"
                    + " renews it automatically.";
            case APP_PASSWORD -> "Add a new client secret to the app registration, move its users to it, then"
                    + " remove this one; or keep the secret in Key Vault with CredentialType=AppRegistrationSecret so"
                    + " kv-rotator renews it.";
            case APP_CERTIFICATE -> "Upload a new certificate to the app registration, move its users to it, then"
                    + " remove this one.";
        };
    }

    /**
     * Secrets whose rotation failed in this sweep (listed daily while it keeps failing, after the one failure
     * notice), expired and expiring items (within the widest threshold), then policy gaps; empty when there are none.
     */
    static Digest digest(ExpiryReport report, int withinDays, List<RotationOutcome> rotations) {
        List<Digest.Entry> entries = new ArrayList<>();
        Set<String> failing = new HashSet<>();
        for (RotationOutcome outcome : rotations) {
            if (outcome instanceof RotationOutcome.Failed failed) {
                report.items().stream().filter(item -> item.kind() == ItemKind.SECRET
                        && item.location().equals(failed.secret().vault())
                        && item.name().equals(failed.secret().name())).findFirst().ifPresent(item -> {
                            failing.add(item.key());
                            entries.add(entry(item, Digest.Status.ROTATION_FAILING, "rotation failing at step "
                                    + failed.failure().step() + ": " + failed.failure().message()));
                        });
            }
        }
        for (ExpiryItem item : report.expiringWithin(withinDays)) {
            if (!failing.contains(item.key())) {
                entries.add(entry(item, ExpiryText.expired(item.expiresOn(), report.asOf())
                        ? Digest.Status.EXPIRED : Digest.Status.EXPIRING, null));
            }
        }
        for (PolicyGap gap : report.policyGaps()) {
            entries.add(gap instanceof PolicyGap.NoExpiry ? entry(gap.item(), Digest.Status.NO_EXPIRY, null)
                    : entry(gap.item(), Digest.Status.RECIPIENT_REFUSED, "policy gap: " + gap.reason()));
        }
        return new Digest(report.asOf(), entries);
    }

    /** A secret whose resource accepts Entra ID says so, with the guide: its owners could do without it. */
    private static Digest.Entry entry(ExpiryItem item, Digest.Status status, String detail) {
        return new Digest.Entry(item.location(), item.name(), item.kind().label(), item.expiresOn(), status,
                item.owners(), detail, ManagedIdentityOption.of(item).map(ManagedIdentityOption::note).orElse(null));
    }
}
