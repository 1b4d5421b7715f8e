package io.kvrotator.notify.email;

import io.kvrotator.support.LogText;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.HttpMethod;
import com.microsoft.kiota.RequestAdapter;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.kvrotator.graph.WrittenObject;
import io.kvrotator.notify.Addressees;
import io.kvrotator.notify.ChannelException;
import io.kvrotator.notify.Digest;
import io.kvrotator.notify.MailAddress;
import io.kvrotator.notify.MailDomains;
import io.kvrotator.notify.Message;
import io.kvrotator.notify.Notice;
import io.kvrotator.notify.Notifier;
import io.kvrotator.notify.Severity;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends notices through Microsoft Graph {@code sendMail} as a configured mailbox. Recipients are the email
 * addresses among the owners that are inside the allowed mail domains, else the configured defaults; a notice
 * another channel failed to deliver, or one with an owner address outside the allowed domains, also goes to the
 * defaults (in Cc). Graph's JSON {@code sendMail} carries one body: the HTML is the body and the plain text travels
 * as a {@code notice.txt} attachment. The request goes through the Graph SDK's adapter (authentication, retries,
 * errors) with a {@link WrittenObject} body instead of the generated {@code Message} model, which would load most of
 * Graph's entity classes on a cold worker's first notice.
 */
public final class GraphMailNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(GraphMailNotifier.class.getName());
    /** The URL template of the SDK's {@code users().byUserId(id).sendMail()}. */
    private static final String SEND_MAIL = "{+baseurl}/users/{user%2Did}/sendMail";

    private final Supplier<GraphServiceClient> graph;
    private final String sender;
    private final List<String> defaultRecipients;
    private final MailDomains allowedDomains;
    private final MailRenderer renderer;

    public GraphMailNotifier(Supplier<GraphServiceClient> graph, String sender, List<String> defaultRecipients,
                             MailDomains allowedDomains, MailRenderer renderer) {
        this.graph = graph;
        this.sender = sender;
        this.defaultRecipients = List.copyOf(defaultRecipients);
        this.allowedDomains = allowedDomains;
        this.renderer = renderer;
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public void send(Message message, List<String> failedChannels) {
        boolean fallback = !failedChannels.isEmpty();
        if (message instanceof Notice notice) {
            List<String> allowed = new ArrayList<>();
            boolean refused = false;
            for (String owner : Addressees.of(notice.owners()).emails()) {
                Optional<String> address = allowed(owner, message);
                address.filter(a -> !allowed.contains(a)).ifPresent(allowed::add);
                refused |= address.isEmpty();
            }
            List<String> to = allowed.isEmpty() ? defaultRecipients : allowed;
            List<String> cc = fallback || refused
                    ? defaultRecipients.stream().filter(address -> !to.contains(address)).toList() : List.of();
            post(to, cc, notice.severity(), renderer.notice(notice, failedChannels));
        } else if (message instanceof Digest digest) {
            Map<String, List<Digest.Entry>> forDefaults = new LinkedHashMap<>();
            digest.byOwner().forEach((owner, entries) -> {
                Optional<String> address = owner.contains("@") ? allowed(owner, message) : Optional.empty();
                if (address.isPresent()) {
                    post(List.of(address.get()), List.of(), digest.severity(),
                            renderer.digest(digest, Map.of(owner, entries), failedChannels));
                } else {
                    forDefaults.put(owner, entries);
                }
            });
            // The defaults get the items no one has an allowed address for; the whole digest when Teams could not
            // show it. A later digest of the same day is for new owners only, not for the defaults again.
            Map<String, List<Digest.Entry>> defaultsSee = fallback ? digest.byOwner() : forDefaults;
            if (!defaultsSee.isEmpty() && (digest.audience().defaults() || fallback)) {
                post(defaultRecipients, List.of(), digest.severity(),
                        renderer.digest(digest, defaultsSee, failedChannels));
            }
        }
    }

    /** The address to mail, or empty (logged) when it is outside the allowed domains. */
    private Optional<String> allowed(String owner, Message message) {
        Optional<String> address = allowedDomains.allowed(owner).map(MailAddress::toString);
        if (address.isEmpty()) {
            LOG.log(Level.WARNING, () -> ("notice.recipient_refused address=%s %s (outside the allowed mail domains"
                    + " %s: the default recipients get it instead)").formatted(LogText.printable(owner),
                    message.describe(), allowedDomains.domains()));
        }
        return address;
    }

    private void post(List<String> to, List<String> cc, Severity severity, RenderedMail mail) {
        WrittenObject message = new WrittenObject()
                .put("subject", mail.subject())
                .put("body", new WrittenObject().put("contentType", "html").put("content", mail.html()))
                .put("toRecipients", recipients(to))
                .put("ccRecipients", recipients(cc))
                .put("importance", severity == Severity.ERROR ? "high" : "normal")
                .put("attachments", List.of(new WrittenObject()
                        .put("@odata.type", "#microsoft.graph.fileAttachment")
                        .put("name", "notice.txt")
                        .put("contentType", "text/plain; charset=utf-8")
                        .put("contentBytes", mail.text().getBytes(StandardCharsets.UTF_8))));
        WrittenObject body = new WrittenObject().put("message", message).put("saveToSentItems", false);
        String destination = "Graph sendMail as " + sender;
        try {
            RequestAdapter adapter = graph.get().getRequestAdapter();
            RequestInformation request = new RequestInformation(HttpMethod.POST, SEND_MAIL,
                    new HashMap<>(Map.of("user%2Did", sender)));
            request.headers.tryAdd("Accept", "application/json");
            request.setContentFromParsable(adapter, "application/json", body);
            HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
            errors.put("XXX", ODataError::createFromDiscriminatorValue);
            adapter.sendPrimitive(request, errors, Void.class);
        } catch (ApiException e) {
            throw ChannelException.forStatus(destination, e.getResponseStatusCode());
        } catch (RuntimeException e) {
            throw new ChannelException(destination + " failed: " + SafeErrorText.of(e), true);
        }
    }

    private static List<WrittenObject> recipients(List<String> addresses) {
        return addresses.stream()
                .map(address -> new WrittenObject().put("emailAddress", new WrittenObject().put("address", address)))
                .toList();
    }
}
