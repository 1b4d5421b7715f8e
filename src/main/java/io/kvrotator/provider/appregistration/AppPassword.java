package io.kvrotator.provider.appregistration;

import java.time.Instant;

/**
 * One password credential of an application, as Graph lists it: never its value.
 *
 * @param hint the first characters of the value, as Graph shows them; null when Graph gave none
 */
public record AppPassword(String keyId, String displayName, String hint, Instant startDateTime, Instant endDateTime) {
}
