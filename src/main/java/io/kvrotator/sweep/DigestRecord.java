package io.kvrotator.sweep;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who has had the digest of {@code day} (UTC): the channels' defaults, and the owner groups by their {@code Owner} or
 * {@code NotifyTo} entry. Only one day is kept: a record of an earlier day reads as nobody.
 *
 * @param day      null when no digest was ever recorded
 * @param defaults whether the channels' defaults (default Teams channel, default recipients) had it
 */
public record DigestRecord(LocalDate day, boolean defaults, Set<String> owners) {

    public DigestRecord {
        owners = owners == null ? Set.of() : Set.copyOf(owners);
    }

    public static DigestRecord empty() {
        return new DigestRecord(null, false, Set.of());
    }

    public boolean defaultsHadOne(LocalDate on) {
        return on.equals(day) && defaults;
    }

    public Set<String> ownersThatHadOne(LocalDate on) {
        return on.equals(day) ? owners : Set.of();
    }

    /** This record with {@code on}'s digest also claimed for these addressees. */
    public DigestRecord plus(LocalDate on, boolean toDefaults, Set<String> toOwners) {
        Set<String> had = new LinkedHashSet<>(ownersThatHadOne(on));
        had.addAll(toOwners);
        return new DigestRecord(on, defaultsHadOne(on) || toDefaults, had);
    }
}
