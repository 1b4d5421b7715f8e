package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures what is posted to Teams Workflows webhooks, answering 202 as Workflows does. Like a real Workflows URL,
 * each route's URL carries a {@code sig} that authorises the post; the URL is recorded as an issued secret so the
 * leak check fails any test whose logs show it. A wrong signature gets 401; a body that is not JSON gets 400 and
 * is kept, so a test can see what was wrong.
 */
public final class TeamsWebhookStandIn extends StandIn {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final Map<String, String> signatures = new ConcurrentHashMap<>();

    public TeamsWebhookStandIn(SandboxTls tls) {
        super("teams", tls);
    }

    /** The webhook URL for a route name: a secret, as in Azure. */
    public String webhookUrl(String route) {
        String signature = signatures.computeIfAbsent(route, r -> {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        });
        String url = baseUrl() + "/workflows/" + route + "/triggers/manual/paths/invoke?api-version=2016-06-01"
                + "&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + signature;
        IssuedSecrets.record(signature);
        IssuedSecrets.record(url);
        return url;
    }

    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    public List<Posted> posted(String route) {
        return posted.stream().filter(post -> post.route().equals(route)).toList();
    }

    public void clearPosted() {
        posted.clear();
    }

    @Override
    protected Response handle(Request request) {
        String[] segments = request.path().split("/");
        if (!request.method().equals("POST") || segments.length < 3 || !segments[1].equals("workflows")) {
            return Response.json(404, error("NotFound", "no workflow at " + request.path()));
        }
        String route = segments[2];
        String expected = signatures.get(route);
        if (expected == null || !expected.equals(request.query().get("sig"))) {
            return Response.json(401, error("DirectApiAuthorizationRequired", "The request must be authenticated"
                    + " only by Shared Access scheme."));
        }
        JsonNode body = request.json();
        Transcript.record("teams", request.bodyText());
        posted.add(new Posted(route, request.bodyText(), body));
        return body == null || !body.isObject()
                ? Response.json(400, error("InvalidRequestContent", "The request content is not valid JSON."))
                : Response.empty(202);
    }

    /** One post: the route, the raw text and its parsed JSON (null when it was not JSON). */
    public record Posted(String route, String text, JsonNode json) {
    }
}
