package io.kvrotator.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The daily list of what needs attention: items expired or expiring within the digest window, and items with no
 * expiry at all (a policy gap). Channels split it by owner: each owner hears about their own items.
 */
public record Digest(Instant asOf, List<Entry> entries) implements Message {

    /** Owner key of the items that name no owner: they go to each channel's defaults. */
    public static final String UNOWNED = "";

    public Digest {
        Objects.requireNonNull(asOf, "asOf");
        entries = List.copyOf(entries);
    }

    public enum Status {
        EXPIRED, EXPIRING, NO_EXPIRY
    }

    /**
     * @param location   a vault name, or an application's client ID
     * @param objectKind e.g. {@code secret}, {@code certificate}, {@code app password}
     * @param expiresOn  null for a policy gap
     */
    public record Entry(String location, String objectName, String objectKind, Instant expiresOn, Status status,
                        List<String> owners) {

        public Entry {
            owners = List.copyOf(owners);
        }
    }

    /** Entries by owner (an item with two owners is under both); {@link #UNOWNED} for items without one. */
    public Map<String, List<Entry>> byOwner() {
        Map<String, List<Entry>> groups = new TreeMap<>();
        for (Entry entry : entries) {
            List<String> owners = entry.owners().isEmpty() ? List.of(UNOWNED) : entry.owners();
            owners.forEach(owner -> groups.computeIfAbsent(owner, o -> new ArrayList<>()).add(entry));
        }
        return groups;
    }

    public long count(Status status) {
        return entries.stream().filter(entry -> entry.status() == status).count();
    }

    @Override
    public Severity severity() {
        return count(Status.EXPIRED) > 0 ? Severity.ERROR : Severity.WARNING;
    }

    /** A digest is addressed per entry: see {@link #byOwner()}. */
    @Override
    public List<String> owners() {
        return byOwner().keySet().stream().filter(owner -> !owner.equals(UNOWNED)).toList();
    }

    @Override
    public String describe() {
        return "digest asOf=%s expired=%d expiring=%d noExpiry=%d".formatted(asOf, count(Status.EXPIRED),
                count(Status.EXPIRING), count(Status.NO_EXPIRY));
    }
}
