package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Event Grid custom topic in the CloudEvents 1.0 schema, checking what the real {@code EventGridPublisherClient}
 * sends: {@code POST /api/events} with the managed identity's bearer token (a topic key, {@code aeg-sas-key} or
 * {@code aeg-sas-token}, is refused: the topic has local auth disabled), content type
 * {@code application/cloudevents-batch+json; charset=utf-8}, and a JSON array of CloudEvents, each with
 * {@code specversion} 1.0, {@code id}, {@code source} and {@code type}, and {@code time}, when present, in RFC 3339. It keeps the events it accepted, in order,
 * and records them in the {@link Transcript} so the leak check scans them.
 */
public final class EventGridTopicStandIn extends StandIn {

    static final String CONTENT_TYPE = "application/cloudevents-batch+json; charset=utf-8";
    /** CloudEvents 1.0 requires RFC 3339 for {@code time}: seconds included. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    public EventGridTopicStandIn(SandboxTls tls) {
        super("eventgrid", tls);
    }

    /** The value of {@code ROTATOR_EVENTS_TOPIC_ENDPOINT} for this topic. */
    public String endpoint() {
        return baseUrl() + "/api/events";
    }

    /** Every event accepted, oldest first (a redelivered one as often as it was sent). */
    public List<JsonNode> events() {
        return List.copyOf(received);
    }

    public List<JsonNode> events(String type) {
        return received.stream().filter(event -> event.path("type").asText().equals(type)).toList();
    }

    @Override
    protected Response handle(Request request) {
        if (!request.method().equals("POST") || !request.path().equals("/api/events")) {
            return Response.json(404, error("NotFound", "no topic endpoint at " + request.method() + " "
                    + request.path()));
        }
        if (request.headers().containsKey("aeg-sas-key") || request.headers().containsKey("aeg-sas-token")) {
            return Response.json(401, error("Unauthorized", "local authentication is disabled on this topic"));
        }
        if (!authorized(request)) {
            return Response.json(401, error("Unauthorized", "the request has no valid bearer token"));
        }
        if (!CONTENT_TYPE.equals(request.headers().get("content-type"))) {
            return Response.json(415, error("UnsupportedMediaType", "expected " + CONTENT_TYPE + ", got "
                    + request.headers().get("content-type")));
        }
        JsonNode batch = request.json();
        if (batch == null || !batch.isArray() || batch.isEmpty()) {
            return Response.json(400, error("BadRequest", "the body is not a JSON array of CloudEvents"));
        }
        for (JsonNode event : batch) {
            if (!"1.0".equals(event.path("specversion").asText()) || event.path("id").asText().isEmpty()
                    || event.path("source").asText().isEmpty() || event.path("type").asText().isEmpty()) {
                return Response.json(400, error("BadRequest", "not a CloudEvent 1.0 (specversion, id, source and"
                        + " type are required): " + event));
            }
            if (event.has("time") && !RFC_3339.matcher(event.path("time").asText()).matches()) {
                return Response.json(400, error("BadRequest", "time is not an RFC 3339 timestamp: " + event.path("time")));
            }
        }
        Transcript.record("eventgrid", request.bodyText());
        batch.forEach(received::add);
        return Response.empty(200);
    }
}
