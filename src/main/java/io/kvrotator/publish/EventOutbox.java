package io.kvrotator.publish;

import java.util.List;

/**
 * Events the topic did not take, kept until it does, and whether the operators were told of the outage. Keyed by
 * event id: holding the same event twice keeps it once.
 */
public interface EventOutbox {

    /** @param cloudEvent the event as CloudEvents JSON, ready to send */
    void hold(String id, String cloudEvent);

    /** The held events, oldest first. */
    List<Held> held();

    /** Forgets an event the topic accepted; an event already gone is no error. */
    void remove(String id);

    /** True for the first caller after the outbox was empty, across instances: that one tells the operators. */
    boolean firstOfOutage();

    /** The outbox is empty again: the next outage is told again. */
    void outageOver();

    record Held(String id, String cloudEvent) {
    }
}
