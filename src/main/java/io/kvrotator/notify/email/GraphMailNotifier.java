package io.kvrotator.notify.email;

import io.kvrotator.support.LogText;
import com.microsoft.graph.models.Attachment;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.FileAttachment;
import com.microsoft.graph.models.Importance;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.sendmail.SendMailPostRequestBody;
import com.microsoft.kiota.ApiException;
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
 * as a {@code notice.txt} attachment.
 */
public final class GraphMailNotifier implements Notifier {

    private static final System.Logger LOG = System.getLogger(GraphMailNotifier.class.getName());

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
        com.microsoft.graph.models.Message message = new com.microsoft.graph.models.Message();
        message.setSubject(mail.subject());
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent(mail.html());
        message.setBody(body);
        message.setToRecipients(recipients(to));
        message.setCcRecipients(recipients(cc));
        message.setImportance(severity == Severity.ERROR ? Importance.High : Importance.Normal);
        FileAttachment text = new FileAttachment();
        text.setName("notice.txt");
        text.setContentType("text/plain; charset=utf-8");
        text.setContentBytes(mail.text().getBytes(StandardCharsets.UTF_8));
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(text);
        message.setAttachments(attachments);
        SendMailPostRequestBody request = new SendMailPostRequestBody();
        request.setMessage(message);
        request.setSaveToSentItems(false);
        String destination = "Graph sendMail as " + sender;
        try {
            graph.get().users().byUserId(sender).sendMail().post(request);
        } catch (ApiException e) {
            throw ChannelException.forStatus(destination, e.getResponseStatusCode());
        } catch (RuntimeException e) {
            throw new ChannelException(destination + " failed: " + SafeErrorText.of(e), true);
        }
    }

    private static List<Recipient> recipients(List<String> addresses) {
        List<Recipient> recipients = new ArrayList<>();
        for (String address : addresses) {
            EmailAddress email = new EmailAddress();
            email.setAddress(address);
            Recipient recipient = new Recipient();
            recipient.setEmailAddress(email);
            recipients.add(recipient);
        }
        return recipients;
    }
}
