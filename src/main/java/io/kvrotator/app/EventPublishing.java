package io.kvrotator.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import io.kvrotator.notify.NoticeDispatcher;
import io.kvrotator.publish.BlobEventOutbox;
import io.kvrotator.publish.EventGridOutcomeEvents;
import io.kvrotator.publish.InProcessEventOutbox;
import io.kvrotator.publish.OutcomeEvents;
import io.kvrotator.support.Lazy;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;

/** Builds where outcomes are announced to machines, and says once, at start-up, whether they are. */
final class EventPublishing {

    private static final System.Logger LOG = System.getLogger(EventPublishing.class.getName());
    private static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private EventPublishing() {
    }

    /** Signs in with the app's identity (EventGrid Data Sender), never with a topic key. */
    static OutcomeEvents create(Settings settings, TokenCredential credential, HttpClient httpClient,
                                NoticeDispatcher notices) {
        String endpoint = settings.eventsTopicEndpoint();
        if (endpoint.isEmpty()) {
            LOG.log(Level.INFO, () -> "events.publishing_off (" + Setting.EVENTS_TOPIC_ENDPOINT.key()
                    + " is empty: no events for machines)");
            return OutcomeEvents.off();
        }
        String topicName = URI.create(endpoint).getHost();
        HostStorage host = settings.hostStorage();
        LOG.log(Level.INFO, () -> "events.publishing topic=%s outbox=%s".formatted(topicName,
                host.configured() ? settings.eventsOutboxContainer() : "in-process (no storage account of its own)"));
        NotificationSettings retries = settings.notifications();
        RetryOptions retry = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(retries.attempts() - 1)
                .setBaseDelay(retries.firstDelay().isZero() ? Duration.ofMillis(1) : retries.firstDelay())
                .setMaxDelay(MAX_DELAY));
        return new EventGridOutcomeEvents(Lazy.of(() -> new EventGridPublisherClientBuilder().endpoint(endpoint)
                .credential(credential).httpClient(httpClient).retryOptions(retry).buildCloudEventPublisherClient()),
                host.configured() ? new BlobEventOutbox(() -> host.container(settings.eventsOutboxContainer(),
                        credential, httpClient)) : new InProcessEventOutbox(), notices, topicName);
    }
}
