package io.kvrotator.testing;

import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.publish.OutcomeEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link OutcomeEvents} that keeps what it was asked to publish. */
public final class RecordingOutcomeEvents implements OutcomeEvents {

    private final List<OutcomeEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(OutcomeEvent event) {
        published.add(event);
    }

    @Override
    public void sendHeld() {
    }

    public List<OutcomeEvent> published() {
        return List.copyOf(published);
    }

    public <T extends OutcomeEvent> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
