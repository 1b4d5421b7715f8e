package io.kvrotator.publish;

import com.azure.core.models.CloudEvent;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.notify.NoticeKind;
import io.kvrotator.notify.Severity;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Publishes to an Event Grid custom topic through {@link EventGridPublisherClient}, whose pipeline retries (bounded)
 * throttling, 5xx and network errors. An event the topic still does not take goes to the {@link EventOutbox}; the
 * first such event of an outage tells the operators. Held events are sent by the daily sweep, and by the next publish
 * the topic accepts; each is removed once the topic has taken it. An id this worker sent or held lately is not sent
 * again; another instance may send it again, with the same id.
 */
public final class EventGridOutcomeEvents implements OutcomeEvents {

    private static final System.Logger LOG = System.getLogger(EventGridOutcomeEvents.class.getName());
    private static final int REMEMBERED_IDS = 1024;

    private final Supplier<EventGridPublisherClient<CloudEvent>> topic;
    private final EventOutbox outbox;
    private final NoticeDispatcher notices;
    private final String topicName;
    /** Whether the outbox may hold events: unknown at start, so it is looked at after the first publish. */
    private volatile boolean mayHoldEvents = true;
    /** Ids this worker sent or held lately: a duplicate Key Vault event does not announce its rotation again. */
    private final Set<String> recentIds = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    });

    /** @param topicName the topic's host name, for log lines and the operators' notice */
    public EventGridOutcomeEvents(Supplier<EventGridPublisherClient<CloudEvent>> topic, EventOutbox outbox,
                                  NoticeDispatcher notices, String topicName) {
        this.topic = topic;
        this.outbox = outbox;
        this.notices = notices;
        this.topicName = topicName;
    }

    @Override
    public void publish(OutcomeEvent event) {
        synchronized (recentIds) {
            if (!recentIds.add(event.id())) {
                return;
            }
        }
        CloudEvent cloudEvent = CloudEvents.of(event);
        try {
            topic.get().sendEvents(List.of(cloudEvent));
        } catch (RuntimeException e) {
            hold(event, cloudEvent, e);
            return;
        }
        LOG.log(Level.INFO, () -> "event.published type=%s id=%s subject=%s".formatted(event.type(), event.id(),
                event.subject()));
        if (mayHoldEvents) {
            sendHeld();
        }
    }

    @Override
    public void sendHeld() {
        try {
            List<EventOutbox.Held> held = outbox.held();
            int sent = 0;
            for (EventOutbox.Held event : held) {
                topic.get().sendEvents(CloudEvent.fromString(event.cloudEvent()));
                outbox.remove(event.id());
                sent++;
            }
            mayHoldEvents = false;
            outbox.outageOver();
            if (sent > 0) {
                int count = sent;
                LOG.log(Level.INFO, () -> "event.held_sent count=%d topic=%s".formatted(count, topicName));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "event.held_not_sent topic=%s error=%s (kept for the next publish or sweep)"
                    .formatted(topicName, SafeErrorText.of(e)));
        }
    }

    private void hold(OutcomeEvent event, CloudEvent cloudEvent, RuntimeException error) {
        String why = SafeErrorText.of(error);
        String json = CloudEvents.json(cloudEvent);
        try {
            outbox.hold(event.id(), json);
            mayHoldEvents = true;
            LOG.log(Level.WARNING, () -> "event.held type=%s id=%s subject=%s topic=%s error=%s".formatted(
                    event.type(), event.id(), event.subject(), topicName, why));
        } catch (RuntimeException e) {
            synchronized (recentIds) {
                recentIds.remove(event.id());
            }
            // The log is then the only record (and a retry may send it): the event, attributes and tags only, whole.
            LOG.log(Level.ERROR, () -> "event.lost topic=%s error=%s outboxError=%s event=%s".formatted(topicName, why,
                    SafeErrorText.of(e), json));
        }
        if (firstOfOutage()) {
            notices.publish(outageNotice(event, why));
        }
    }

    /** Without the record, the operators are told (a duplicate beats a lost notice). */
    private boolean firstOfOutage() {
        try {
            return outbox.firstOfOutage();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private Notice outageNotice(OutcomeEvent event, String why) {
        String object = event instanceof SecretEvent about ? about.secret().name() : "access review";
        return new Notice(NoticeKind.EVENTS_HELD, Severity.WARNING, event.vault(), object,
                event instanceof SecretEvent ? "secret" : "vault", null, List.of(),
                "Events for machines are held: the Event Grid topic did not take them",
                "Topic " + topicName + " refused or did not answer " + event.type() + " (" + why + "). This event and"
                        + " any later ones wait in the outbox in the function app's storage; the next publish the"
                        + " topic accepts and the daily sweep send them, with their original ids. Check the topic"
                        + " and the function's EventGrid Data Sender role on it. Said once per outage.");
    }
}
