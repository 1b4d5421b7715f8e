package io.kvrotator.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing people must hear about. Built from attributes and tags only, so it never holds a secret value.
 *
 * @param location   where the object lives: a vault name, or an application's object ID
 * @param objectKind e.g. {@code secret}, {@code certificate}, {@code app password}
 * @param expiresOn  may be null (no expiry: a policy gap)
 * @param owners     addresses or route names from the {@code Owner}/{@code NotifyTo} tags; empty means the
 *                   configured defaults
 * @param summary    one line, e.g. {@code Rotated: key2 now in use}
 * @param detail     the reason, and for failures what to do
 */
public record Notice(
        NoticeKind kind,
        Severity severity,
        String location,
        String objectName,
        String objectKind,
        Instant expiresOn,
        List<String> owners,
        String summary,
        String detail) implements Message {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        owners = List.copyOf(owners);
    }

    @Override
    public String describe() {
        return "notice kind=%s object=%s/%s".formatted(kind, location, objectName);
    }
}
