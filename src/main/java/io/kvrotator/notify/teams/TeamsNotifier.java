package io.kvrotator.notify.teams;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.notify.Addressees;
import io.kvrotator.notify.ChannelException;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.Message;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.Notifier;
import io.kvrotator.support.Lazy;
import io.kvrotator.vault.SecretValue;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts Adaptive Cards to Teams Workflows webhooks. A notice goes to the routes its {@code NotifyTo} tag names
 * ({@code ROTATOR_TEAMS_ROUTES}), else to the default channel ({@code ROTATOR_TEAMS_WEBHOOK_URL}). The full
 * digest goes to the default channel when the defaults are in its audience, and each route named as an owner gets
 * its own part. Webhook URLs are secrets: errors name the route, never the URL.
 */
public final class TeamsNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(TeamsNotifier.class.getName());
    /** Built on first use rather than with the context: see {@code WarmUp.json}. */
    private static final Lazy<ObjectMapper> JSON = Lazy.of(ObjectMapper::new);
    static final String DEFAULT_ROUTE = "default";

    private final Optional<SecretValue> defaultWebhook;
    private final Map<String, SecretValue> routes;
    private final AdaptiveCards cards;
    private final HttpClient http;

    public TeamsNotifier(Optional<SecretValue> defaultWebhook, Map<String, SecretValue> routes, AdaptiveCards cards,
                         HttpClient http) {
        this.defaultWebhook = defaultWebhook;
        this.routes = Map.copyOf(routes);
        this.cards = cards;
        this.http = http;
    }

    @Override
    public String channel() {
        return "teams";
    }

    @Override
    public void send(Message message, List<String> failedChannels) {
        Map<String, ObjectNode> posts = new LinkedHashMap<>();
        if (message instanceof Notice notice) {
            ObjectNode card = cards.notice(notice, failedChannels);
            List<String> named = knownRoutes(message.describe(), Addressees.of(notice.owners()).teamsRoutes());
            named.forEach(route -> posts.put(route, card));
            if (named.isEmpty() || !failedChannels.isEmpty()) {
                defaultWebhook.ifPresent(url -> posts.put(DEFAULT_ROUTE, card));
            }
        } else if (message instanceof Digest digest) {
            Map<String, List<Digest.Entry>> groups = digest.byOwner();
            if (digest.audience().defaults() || !failedChannels.isEmpty()) {
                defaultWebhook.ifPresent(url -> posts.put(DEFAULT_ROUTE, cards.digest(digest, groups, failedChannels)));
            }
            for (String route : knownRoutes(message.describe(), Addressees.of(List.copyOf(groups.keySet())).teamsRoutes())) {
                posts.put(route, cards.digest(digest, groupsOf(groups, route), failedChannels));
            }
        }
        if (posts.isEmpty()) {
            LOG.log(Level.INFO, () -> "notice.teams_skipped %s (no route named and no default webhook)"
                    .formatted(message.describe()));
        }
        posts.forEach((route, card) -> post(route, cards.envelope(card)));
    }

    private List<String> knownRoutes(String about, List<String> named) {
        named.stream().filter(route -> !routes.containsKey(route)).forEach(route -> LOG.log(Level.WARNING,
                () -> "notice.unknown_teams_route route=%s %s (not in ROTATOR_TEAMS_ROUTES)".formatted(route, about)));
        return named.stream().filter(routes::containsKey).toList();
    }

    private static Map<String, List<Digest.Entry>> groupsOf(Map<String, List<Digest.Entry>> groups, String route) {
        Map<String, List<Digest.Entry>> selected = new LinkedHashMap<>();
        groups.forEach((owner, entries) -> {
            if (Addressees.of(List.of(owner)).teamsRoutes().contains(route)) {
                selected.put(owner, entries);
            }
        });
        return selected;
    }

    private void post(String route, ObjectNode body) {
        SecretValue url = route.equals(DEFAULT_ROUTE) ? defaultWebhook.orElseThrow() : routes.get(route);
        String destination = "Teams route '" + route + "'";
        byte[] json;
        try {
            json = JSON.get().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an Adaptive Card", e);
        }
        HttpRequest request = new HttpRequest(HttpMethod.POST, url.reveal())
                .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json; charset=utf-8")
                .setBody(json);
        int status;
        try (HttpResponse response = http.sendSync(request, Context.NONE)) {
            status = response.getStatusCode();
        } catch (RuntimeException e) {
            // Transport errors can quote the request URL, which carries the webhook's signature: keep only the type.
            throw new ChannelException(destination + " could not be reached (" + e.getClass().getSimpleName() + ")",
                    true);
        }
        if (status < 200 || status > 299) {
            throw ChannelException.forStatus(destination, status);
        }
        LOG.log(Level.DEBUG, () -> "notice.teams_posted route=%s bytes=%d".formatted(route, json.length));
    }
}
