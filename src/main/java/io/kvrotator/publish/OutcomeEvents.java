package io.kvrotator.publish;

/**
 * Where rotation, revocation and the sweep announce outcomes to machines. Never throws and never loses an event
 * silently: an event the topic does not take is held and sent later.
 */
public interface OutcomeEvents {

    void publish(OutcomeEvent event);

    /** Sends the events held while the topic was down; the daily sweep calls it. */
    void sendHeld();

    /** Publishing switched off (no topic configured). */
    static OutcomeEvents off() {
        return new OutcomeEvents() {
            @Override
            public void publish(OutcomeEvent event) {
            }

            @Override
            public void sendHeld() {
            }
        };
    }
}
