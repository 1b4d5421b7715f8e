package io.kvrotator.testing;

import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.publish.SecretEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake {@link OutcomeEvents} that keeps what it was asked to publish. */
public final class RecordingOutcomeEvents implements OutcomeEvents {

    private final List<SecretEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(SecretEvent event) {
        published.add(event);
    }

    @Override
    public void sendHeld() {
    }

    public List<SecretEvent> published() {
        return List.copyOf(published);
    }

    public <T extends SecretEvent> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
