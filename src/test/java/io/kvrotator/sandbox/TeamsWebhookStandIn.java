package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures what is posted to a Teams Workflows webhook ({@code POST /workflows/{route}}), answering 202 as
 * Workflows does. Bodies that are not JSON are answered 400 and kept, so a test can see what was wrong.
 */
public final class TeamsWebhookStandIn extends StandIn {

    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    public TeamsWebhookStandIn(SandboxTls tls) {
        super("teams", tls);
    }

    /** The webhook URL for a route name (plain HTTPS; a real Workflows URL carries a signature instead). */
    public String webhookUrl(String route) {
        return baseUrl() + "/workflows/" + route;
    }

    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    @Override
    protected Response handle(Request request) {
        if (!request.method().equals("POST") || !request.path().startsWith("/workflows/")) {
            return Response.json(404, error("NotFound", "no workflow at " + request.path()));
        }
        JsonNode body = request.json();
        Transcript.record("teams", request.bodyText());
        posted.add(new Posted(request.path().substring("/workflows/".length()), request.bodyText(), body));
        return body == null || !body.isObject()
                ? Response.json(400, error("InvalidRequestContent", "The request content is not valid JSON."))
                : Response.empty(202);
    }

    /** One post: the raw text and its parsed JSON (null when it was not JSON). */
    public record Posted(String route, String text, JsonNode json) {
    }
}
