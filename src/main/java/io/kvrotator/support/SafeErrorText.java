package io.kvrotator.support;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Describes an error for a log line or a notice without risking a secret value. SDK messages quote response
 * bodies; for an HTTP error we keep only the status and the service's own error code and message. Any JSON field
 * that carries a credential ({@code value}, {@code secretText}, ...) is blanked wherever it appears.
 */
public final class SafeErrorText {

    private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
            "(\"(?:value|secretText|secret|password|key|client_secret|access_token)\"\\s*:\\s*)\"[^\"]*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CREDENTIAL_PARAM = Pattern.compile(
            "((?:client_secret|access_token|sig)=)[^&\\s\"]+", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 400;

    private SafeErrorText() {
    }

    public static String of(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getSimpleName());
        if (error instanceof HttpResponseException http && http.getResponse() != null) {
            text.append(" status=").append(http.getResponse().getStatusCode());
            serviceError(http).ifPresentOrElse(text::append, () -> text.append(": ").append(scrub(firstLine(http))));
        } else if (error instanceof ApiException graph && graph.getResponseStatusCode() > 0) {
            text.append(" status=").append(graph.getResponseStatusCode());
            if (graph instanceof ODataError odata && odata.getError() != null) {
                text.append(" code=").append(odata.getError().getCode()).append(": ")
                        .append(scrub(String.valueOf(odata.getError().getMessage())));
            }
        } else if (error.getMessage() != null && !error.getMessage().isBlank()) {
            text.append(": ").append(scrub(error.getMessage()));
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text.toString();
    }

    public static String scrub(String message) {
        String scrubbed = CREDENTIAL_FIELD.matcher(message).replaceAll("$1\"(redacted)\"");
        scrubbed = CREDENTIAL_PARAM.matcher(scrubbed).replaceAll("$1(redacted)");
        return scrubbed.replaceAll("\\p{Cntrl}", " ");
    }

    private static Optional<String> serviceError(HttpResponseException http) {
        if (http instanceof ManagementException management && management.getValue() != null) {
            return Optional.of(" code=" + management.getValue().getCode() + ": "
                    + scrub(String.valueOf(management.getValue().getMessage())));
        }
        String message = http.getMessage();
        int start = message == null ? -1 : message.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        try {
            String body = message.substring(start, message.lastIndexOf('}') + 1);
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject()) {
                return Optional.of(" code=" + error.path("code").asText("unknown") + ": "
                        + scrub(error.path("message").asText("")));
            }
        } catch (Exception e) {
            // not a JSON error body: fall back to the scrubbed first line
        }
        return Optional.empty();
    }

    private static String firstLine(HttpResponseException http) {
        String message = String.valueOf(http.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
