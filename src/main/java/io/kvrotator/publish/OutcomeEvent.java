package io.kvrotator.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What kv-rotator tells machines, as a CloudEvents 1.0 event on the Event Grid topic: about a secret
 * ({@link SecretEvent}) or about who can read a vault's secrets ({@link AccessFindingEvent}). Its {@code data} is
 * the record's fields with {@code vault} first, attributes only, never a value. Its {@code id} is a name-based UUID
 * of the type, the subject and {@link #outcome()}: whoever announces the same outcome again (a retry, a redelivery,
 * the outbox) sends the same id, so a consumer drops duplicates by id.
 */
public sealed interface OutcomeEvent permits SecretEvent, AccessFindingEvent {

    String TYPE_PREFIX = "io.kvrotator.secret.";

    String vault();

    /** When the outcome happened; the event's {@code time}. */
    Instant time();

    /** The CloudEvents type, e.g. {@code io.kvrotator.secret.rotated}. */
    String type();

    /** The CloudEvents subject, e.g. {@code vault/secret}. */
    String subject();

    /** What distinguishes this outcome from the subject's others of the same type. */
    String outcome();

    default String id() {
        String name = type() + "/" + subject() + "/" + outcome();
        return UUID.nameUUIDFromBytes(name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
