package io.kvrotator.provider.sas;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.kvrotator.support.SafeErrorText;
import io.kvrotator.vault.SecretValue;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tries a rule's key on the namespace's data plane with one read-only REST request authorized by a SAS token made
 * from it: an entity's rule reads its entity ({@code GET {endpoint}/{entity}}), a namespace's rule lists one page of
 * the namespace's entities. The service checks the token's signature against the rule's current keys and answers
 * {@code 200}, or {@code 401} when the signature is not made with one of them.
 *
 * <p>Reading an entity needs the rule's Manage right. A rule with only Send or Listen gets {@code 401} saying a claim
 * is missing, and no other data-plane request could tell without sending or receiving a message; for such a rule
 * the check falls back to the control plane (the key must be one ARM lists for the rule now) and says so in the log.
 */
final class SasDataPlaneCheck {

    private static final System.Logger LOG = System.getLogger(SasDataPlaneCheck.class.getName());
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern DETAIL = Pattern.compile("<Detail>(.*?)</Detail>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** How Service Bus and Event Hubs word a missing right, e.g. "'Manage' claim(s) are required". */
    private static final Pattern MISSING_CLAIM = Pattern.compile("\\bclaim", Pattern.CASE_INSENSITIVE);
    private static final int MAX_DETAIL = 200;

    private final SasService service;
    private final NamespaceEndpoints endpoints;
    private final HttpClient http;
    private final Clock clock;
    private final SasRuleKeys controlPlane;

    SasDataPlaneCheck(SasService service, NamespaceEndpoints endpoints, HttpClient http, Clock clock,
                      SasRuleKeys controlPlane) {
        this.service = service;
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
        this.controlPlane = controlPlane;
    }

    /** Returns normally when the key works; throws when the service refuses it or cannot be asked now. */
    void verify(SasRule rule, SecretValue key) {
        String endpoint = endpoints.https(rule.namespace());
        String resource = rule.isNamespaceRule() ? endpoint : endpoint + "/" + rule.entity();
        String target = rule.isNamespaceRule() ? endpoint + "/" + service.namespaceListing() : resource;
        String url = target + (target.contains("?") ? "&" : "?") + "api-version=" + service.apiVersion();
        HttpRequest request = new HttpRequest(HttpMethod.GET, url)
                .setHeader(HttpHeaderName.AUTHORIZATION, SharedAccessSignature.token(resource, rule.rule(), key,
                        clock.instant().plus(TOKEN_LIFETIME)).reveal())
                .setHeader(HttpHeaderName.ACCEPT, "application/atom+xml");
        try (HttpResponse response = http.sendSync(request, Context.NONE)) {
            int status = response.getStatusCode();
            if (status >= 200 && status < 300) {
                return;
            }
            String detail = detail(response);
            if ((status == 401 || status == 403) && MISSING_CLAIM.matcher(detail).find()) {
                verifyAtTheControlPlane(rule, key);
                return;
            }
            throw new HttpResponseException(service.name() + " data plane refused the key of rule " + rule.rule()
                    + ": status " + status + (detail.isEmpty() ? "" : " " + detail), response);
        }
    }

    private void verifyAtTheControlPlane(SasRule rule, SecretValue key) {
        if (!controlPlane.list(rule).containsValue(key)) {
            throw new IllegalStateException("the new key is not one of the keys ARM lists for rule " + rule.rule()
                    + " yet");
        }
        LOG.log(Level.INFO, () -> ("sas.verified_at_control_plane type=%s rule=%s why=\"the rule has no Manage right,"
                + " and reading the data plane needs it; the key is one ARM lists for the rule\"")
                .formatted(service.credentialType(), rule.resourceId()));
    }

    /** The service's error detail (an XML {@code <Detail>}), shortened and scrubbed; empty without one. */
    private static String detail(HttpResponse response) {
        String body;
        try {
            body = String.valueOf(response.getBodyAsBinaryData());
        } catch (RuntimeException e) {
            return "";
        }
        Matcher matcher = DETAIL.matcher(body);
        String detail = (matcher.find() ? matcher.group(1) : body).strip();
        detail = SafeErrorText.scrub(detail);
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    }
}
