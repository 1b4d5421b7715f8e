package io.kvrotator.rotation;

/** What started a rotation; recorded in the {@code RotatedBy} tag. */
public sealed interface Trigger {

    String auditValue();

    /** A Key Vault event delivered by Event Grid. */
    record Event(String eventId) implements Trigger {
        @Override
        public String auditValue() {
            return "event:" + eventId;
        }
    }

    /** An engineer through the HTTP API. */
    record Http(String caller) implements Trigger {
        @Override
        public String auditValue() {
            return "http:" + caller;
        }
    }

    /** The daily expiry sweep. */
    record Sweep() implements Trigger {
        @Override
        public String auditValue() {
            return "sweep";
        }
    }
}
