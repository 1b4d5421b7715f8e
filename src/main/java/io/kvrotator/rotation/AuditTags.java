package io.kvrotator.rotation;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tags of a rotated version: the previous version's, with the new credential and the audit trail. */
final class AuditTags {

    private static final List<String> WRITTEN = List.of(Tags.CREDENTIAL_ID, Tags.ROTATED_AT, Tags.ROTATED_BY,
            Tags.ROTATION_REASON, Tags.PREVIOUS_VERSION);

    private AuditTags() {
    }

    /**
     * Fails before anything changes when the new version's tags would break Key Vault's limits.
     *
     * @param revocation whether the new version will also carry the revocation tags
     */
    static void requireRoom(SecretVersion current, boolean revocation) {
        List<String> written = revocation ? concat(WRITTEN, Tags.REVOCATION) : WRITTEN;
        long count = current.tags().keySet().stream().filter(name -> !written.contains(name)
                && !Tags.REVOCATION.contains(name)).count() + written.size();
        if (count > Tags.MAX_TAGS) {
            throw RotationException.terminal(Step.PLAN, "the " + (revocation ? "revoking" : "rotated") + " version would"
                    + " carry " + count + " tags, Key Vault allows " + Tags.MAX_TAGS + ": remove "
                    + (count - Tags.MAX_TAGS) + " tag(s) from the secret");
        }
        current.tags().forEach((name, value) -> {
            if (value != null && value.length() > Tags.MAX_TAG_VALUE_LENGTH) {
                throw RotationException.terminal(Step.PLAN, "tag " + name + " is longer than "
                        + Tags.MAX_TAG_VALUE_LENGTH + " characters");
            }
        });
    }

    /** The previous version's tags, less any revocation tags (they describe that version, not the new one). */
    static Map<String, String> forNewVersion(SecretVersion current, String credentialId, RotationRequest request,
                                             Instant now) {
        Map<String, String> tags = new LinkedHashMap<>(current.tags());
        Tags.REVOCATION.forEach(tags::remove);
        tags.put(Tags.CREDENTIAL_ID, credentialId);
        tags.put(Tags.ROTATED_AT, now.truncatedTo(ChronoUnit.SECONDS).toString());
        tags.put(Tags.ROTATED_BY, bounded(request.trigger().auditValue()));
        tags.put(Tags.ROTATION_REASON, bounded(request.reason()));
        tags.put(Tags.PREVIOUS_VERSION, current.version());
        return tags;
    }

    /**
     * What a revocation writes on the version it makes and on every version it disables. An emergency revocation's
     * {@code ApprovedBy} says that nobody approved it.
     */
    static Map<String, String> revocation(RevocationRequest request, Instant now) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.REVOKED_AT, now.truncatedTo(ChronoUnit.SECONDS).toString());
        tags.put(Tags.REVOKED_BY, bounded(request.caller()));
        tags.put(Tags.APPROVED_BY, bounded(request.emergency() ? RevocationRequest.EMERGENCY_APPROVAL + " (named: "
                + request.approvedBy() + ")" : request.approvedBy()));
        tags.put(Tags.REVOCATION_REASON, bounded(request.reason()));
        return tags;
    }

    /** What a retirement writes on every version it disables. */
    static Map<String, String> retirement(RetirementRequest request, Instant now) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.RETIRED_AT, now.truncatedTo(ChronoUnit.SECONDS).toString());
        tags.put(Tags.RETIRED_BY, bounded(request.requestedBy()));
        tags.put(Tags.APPROVED_BY, bounded(request.approvedBy()));
        tags.put(Tags.RETIREMENT_REASON, bounded(request.reason()));
        return tags;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private static String bounded(String value) {
        return value.length() > Tags.MAX_TAG_VALUE_LENGTH ? value.substring(0, Tags.MAX_TAG_VALUE_LENGTH) : value;
    }
}
