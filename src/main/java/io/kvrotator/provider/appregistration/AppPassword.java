package io.kvrotator.provider.appregistration;

import java.time.Instant;

/** One password credential of an application, as Graph lists it: never its value. */
public record AppPassword(String keyId, String displayName, Instant startDateTime, Instant endDateTime) {
}
