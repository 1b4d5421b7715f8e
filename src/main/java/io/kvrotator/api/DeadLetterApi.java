package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.event.DeadLetterReplay;
import io.kvrotator.event.DeadLetterStore;
import io.kvrotator.event.ReplaySelection;
import io.kvrotator.event.ReplaySummary;
import io.kvrotator.support.LogText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /api/deadletters/replay?dryRun=&after=&before=&max=}: replays the events Event Grid dead-lettered (see
 * {@link DeadLetterReplay}), under the same caller policy as the rest of the API. Options go in the query string
 * only: a body is refused, so that a {@code {"dryRun": true}} sent as a body cannot start a real replay.
 */
public final class DeadLetterApi {

    /** {@code code} is the function key, which the platform checks before the request gets here. */
    private static final Set<String> PARAMETERS = new TreeSet<>(Set.of("dryRun", "after", "before", "max", "code"));

    private final DeadLetterReplay replay;
    private final CallerPolicy callerPolicy;

    public DeadLetterApi(DeadLetterReplay replay, CallerPolicy callerPolicy) {
        this.replay = replay;
        this.callerPolicy = callerPolicy;
    }

    public ApiResponse replay(ApiRequest request) {
        try {
            Caller caller = callerPolicy.caller(request);
            ReplaySelection selection = selection(request);
            return ApiResponse.json(200, json(replay.replay(selection, caller.name())));
        } catch (BadRequest e) {
            return ApiResponse.problem(e.status, e.title, e.getMessage());
        } catch (DeadLetterStore.Unavailable e) {
            return ApiResponse.problem(503, "Dead letters unavailable", e.getMessage()).withHeader("Retry-After", "30");
        }
    }

    private static ReplaySelection selection(ApiRequest request) {
        if (request.body() != null && !request.body().isBlank()) {
            throw new BadRequest(400, "Unexpected body", "this endpoint takes no body: its options go in the query"
                    + " string, e.g. ?dryRun=true");
        }
        Map<String, String> query = request.query();
        query.keySet().stream().filter(name -> !PARAMETERS.contains(name)).findFirst().ifPresent(name -> {
            throw new BadRequest(400, "Unknown parameter", "unknown parameter '" + LogText.printable(name)
                    + "'; allowed: " + String.join(", ", PARAMETERS));
        });
        try {
            return new ReplaySelection(instant(query, "after"), instant(query, "before"), max(query.get("max")),
                    dryRun(query.get("dryRun")));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, "Invalid selection", e.getMessage());
        }
    }

    private static boolean dryRun(String text) {
        if (text == null) {
            return false;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new BadRequest(400, "Invalid dryRun", "'dryRun' must be true or false, not '"
                    + LogText.printable(text) + "'");
        }
        return value.equals("true");
    }

    private static int max(String text) {
        if (text == null) {
            return ReplaySelection.DEFAULT_MAX;
        }
        if (!text.matches("\\d{1,4}")) {
            throw new BadRequest(400, "Invalid max", "'max' must be a whole number from 1 to "
                    + ReplaySelection.LARGEST_MAX + ", not '" + LogText.printable(text) + "'");
        }
        return Integer.parseInt(text);
    }

    private static Instant instant(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, "Invalid " + name, "'" + name + "' must be an ISO-8601 instant such as"
                    + " 2026-11-22T07:00:00Z, not '" + LogText.printable(text) + "'");
        }
    }

    private static ObjectNode json(ReplaySummary summary) {
        ObjectNode json = ApiJson.object().put("dryRun", summary.dryRun());
        ArrayNode replayed = json.putArray(summary.dryRun() ? "wouldReplay" : "replayed");
        summary.replayed().forEach(deadLetter -> {
            ObjectNode node = deadLetterJson(replayed.addObject(), deadLetter.deadLetter(), deadLetter.deadLetteredAt(),
                    deadLetter.deadLetterReason());
            ArrayNode events = node.putArray("events");
            deadLetter.events().forEach(event -> {
                ObjectNode eventJson = events.addObject().put("eventId", event.eventId())
                        .put("eventType", event.eventType()).put("vault", event.vault()).put("secret", event.secret())
                        .put("version", event.version());
                if (event.outcome() != null) {
                    eventJson.put("outcome", event.outcome()).put("detail", event.detail());
                }
            });
        });
        ArrayNode left = json.putArray("left");
        summary.left().forEach(deadLetter -> deadLetterJson(left.addObject(), deadLetter.deadLetter(),
                deadLetter.deadLetteredAt(), deadLetter.deadLetterReason())
                .put("why", deadLetter.why().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("reason", deadLetter.reason()));
        return json.put("skipped", summary.skipped()).put("remaining", summary.remaining());
    }

    private static ObjectNode deadLetterJson(ObjectNode node, String blob, Instant deadLetteredAt, String reason) {
        return node.put("blob", blob).put("deadLetteredAt", ApiJson.time(deadLetteredAt))
                .put("deadLetterReason", reason);
    }
}
