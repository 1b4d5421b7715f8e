package io.kvrotator.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The daily list of what needs attention: items expired or expiring within the digest window, secrets whose rotation
 * is failing, policy gaps (no expiry, an owner address outside the allowed mail domains), and what the access review
 * found (or could not check) about who can read each vault's secrets. Channels split it by
 * owner: each owner hears about their own items, and each channel's defaults see it whole.
 *
 * @param audience who this digest goes to: each addressee gets at most one digest a day
 */
public record Digest(Instant asOf, List<Entry> entries, Audience audience) implements Message {

    /** Owner key of the items that name no owner: they go to each channel's defaults. */
    public static final String UNOWNED = "";

    public Digest {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(audience, "audience");
        entries = List.copyOf(entries);
    }

    /** A digest for everyone its entries name, and for the channels' defaults. */
    public Digest(Instant asOf, List<Entry> entries) {
        this(asOf, entries, new Audience(true, ownersOf(entries)));
    }

    public enum Status {
        EXPIRED, EXPIRING, NO_EXPIRY, ROTATION_FAILING, RECIPIENT_REFUSED,
        /** Who can read a vault's secrets breaks the policy; {@code detail} says how and which line. */
        ACCESS_FINDING,
        /** Part of a vault's access review could not be read; {@code detail} says what and why. */
        ACCESS_NOT_CHECKED
    }

    /**
     * @param location   a vault name, or an application's client ID
     * @param objectKind e.g. {@code secret}, {@code certificate}, {@code app password}
     * @param expiresOn  null for a secret without expiry
     * @param detail     what is wrong, for {@link Status#ROTATION_FAILING}, {@link Status#RECIPIENT_REFUSED} and the
     *                   access review's statuses (e.g. {@code rotation failing at step rotate: ...}); null otherwise
     * @param alternative how the item could be done without, e.g. {@code could be replaced by a managed identity
     *                    ...: <guide>}; null when there is nothing to suggest
     */
    public record Entry(String location, String objectName, String objectKind, Instant expiresOn, Status status,
                        List<String> owners, String detail, String alternative) {

        public Entry {
            owners = List.copyOf(owners);
        }

        public Entry(String location, String objectName, String objectKind, Instant expiresOn, Status status,
                     List<String> owners, String detail) {
            this(location, objectName, objectKind, expiresOn, status, owners, detail, null);
        }

        public Entry(String location, String objectName, String objectKind, Instant expiresOn, Status status,
                     List<String> owners) {
            this(location, objectName, objectKind, expiresOn, status, owners, null);
        }
    }

    /**
     * Who gets a digest: the owner groups named, and whether each channel's defaults get it (they see every group,
     * and the items without an owner).
     */
    public record Audience(boolean defaults, Set<String> owners) {

        public Audience {
            owners = Set.copyOf(owners);
        }
    }

    /** The same digest for these owners only: the entries that name one of them, and not for the defaults. */
    public Digest onlyFor(Set<String> owners) {
        return new Digest(asOf, entries.stream().filter(entry -> entry.owners().stream().anyMatch(owners::contains))
                .toList(), new Audience(false, owners));
    }

    /**
     * Entries by owner (an item with two owners is under both), for the owners of the audience; {@link #UNOWNED}
     * for items without one when the defaults are in the audience.
     */
    public Map<String, List<Entry>> byOwner() {
        Map<String, List<Entry>> groups = new TreeMap<>();
        for (Entry entry : entries) {
            List<String> owners = entry.owners().isEmpty() ? List.of(UNOWNED) : entry.owners();
            owners.stream().filter(this::addressed)
                    .forEach(owner -> groups.computeIfAbsent(owner, o -> new ArrayList<>()).add(entry));
        }
        return groups;
    }

    private boolean addressed(String owner) {
        return owner.equals(UNOWNED) ? audience.defaults() : audience.owners().contains(owner);
    }

    public long count(Status status) {
        return entries.stream().filter(entry -> entry.status() == status).count();
    }

    @Override
    public Severity severity() {
        return count(Status.EXPIRED) > 0 || count(Status.ROTATION_FAILING) > 0 || count(Status.ACCESS_FINDING) > 0
                ? Severity.ERROR : Severity.WARNING;
    }

    /** A digest is addressed per entry: see {@link #byOwner()}. */
    @Override
    public List<String> owners() {
        return byOwner().keySet().stream().filter(owner -> !owner.equals(UNOWNED)).toList();
    }

    @Override
    public String describe() {
        return ("digest asOf=%s expired=%d expiring=%d noExpiry=%d rotationFailing=%d recipientRefused=%d"
                + " accessFindings=%d accessNotChecked=%d defaults=%s").formatted(asOf, count(Status.EXPIRED),
                count(Status.EXPIRING), count(Status.NO_EXPIRY), count(Status.ROTATION_FAILING),
                count(Status.RECIPIENT_REFUSED), count(Status.ACCESS_FINDING), count(Status.ACCESS_NOT_CHECKED),
                audience.defaults());
    }

    private static Set<String> ownersOf(List<Entry> entries) {
        Set<String> owners = new LinkedHashSet<>();
        entries.forEach(entry -> owners.addAll(entry.owners()));
        return owners;
    }
}
