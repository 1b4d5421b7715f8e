package io.kvrotator.event;

/** One element of an Event Grid delivery, either usable or rejected with a reason that can be logged. */
public sealed interface ParsedEvent {

    record Accepted(KeyVaultEvent event) implements ParsedEvent {
    }

    /** @param eventId the id if the payload had a readable one, else {@code "unknown"} */
    record Rejected(String eventId, String reason) implements ParsedEvent {
    }
}
