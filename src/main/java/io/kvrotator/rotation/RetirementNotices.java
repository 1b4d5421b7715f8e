package io.kvrotator.rotation;

import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;

/** What a retirement tells the secret's owners, built from attributes and tags only. */
final class RetirementNotices {

    private RetirementNotices() {
    }

    static Notice retired(RetirementRequest request, RetirementOutcome.Retired retired, SecretVersion latest) {
        boolean invalidated = retired.atProvider() instanceof RetirementOutcome.Invalidated;
        String atProvider = retired.atProvider() instanceof RetirementOutcome.Invalidated done
                ? "No longer working: " + String.join("; ", done.credentials()) + "."
                : "Still to do at the provider: " + ((RetirementOutcome.LeftToOwners) retired.atProvider())
                .remainingWork() + ".";
        return new Notice(NoticeKind.RETIRED, invalidated ? Severity.WARNING : Severity.ERROR,
                retired.secret().vault(), retired.secret().name(), "secret", latest.expiresOn(),
                Tags.owners(latest.tags()), invalidated
                        ? "Retired: every credential invalidated, every version disabled"
                        : "Retired: every version disabled, but its credential still needs removing at the provider",
                "Reason: " + request.reason() + ". Requested by " + request.requestedBy() + ", approved by "
                        + request.approvedBy() + ". " + atProvider + " " + retired.disabledVersions().size()
                        + " version(s) disabled; nothing rotates the secret or alerts about its expiry any more.");
    }
}
