package io.kvrotator.rotation;

import io.kvrotator.vault.SecretVersion;
import java.util.List;

/**
 * What a revocation or a retirement would do, worked out before a second person approves it. Attributes, tags and
 * descriptions only: never a value.
 *
 * @param latest             the latest version as it was read (its tags name the owners)
 * @param compromisedVersion for a revocation, the version it treats as compromised (pinned, so that the approved
 *                           revocation acts on what was shown even if a rotation happens meanwhile); null when the
 *                           latest version was made by a revocation and no version was named, and for a retirement
 * @param summary            one sentence: what happens
 * @param stopsWorking       every credential that stops working, as people know it (display name and hint, key name)
 */
public record ChangeImpact(SecretVersion latest, String compromisedVersion, String summary,
                           List<String> stopsWorking) {

    public ChangeImpact {
        stopsWorking = List.copyOf(stopsWorking);
    }
}
