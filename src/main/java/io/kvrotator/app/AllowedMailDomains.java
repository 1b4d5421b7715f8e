package io.kvrotator.app;

import io.kvrotator.support.LogText;
import io.kvrotator.notify.MailAddress;
import io.kvrotator.notify.MailDomains;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ROTATOR_MAIL_ALLOWED_DOMAINS}, or when it is empty the domains of the sender and of the default recipients:
 * the organisation's own mailboxes say which domains are the organisation's.
 */
final class AllowedMailDomains {

    private AllowedMailDomains() {
    }

    static MailDomains read(List<String> configured, Optional<String> sender, List<String> recipients,
                            List<String> problems) {
        String key = Setting.MAIL_ALLOWED_DOMAINS.key();
        Set<String> domains = new LinkedHashSet<>();
        for (String value : configured) {
            String domain = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            domain = domain.startsWith("@") ? domain.substring(1) : domain;
            Optional<String> problem = MailAddress.domainProblem(domain);
            if (problem.isPresent()) {
                problems.add(key + ": '" + LogText.printable(value) + "' " + problem.get());
            } else {
                domains.add(domain);
            }
        }
        MailDomains allowed = new MailDomains(domains);
        for (String recipient : recipients) {
            Optional<MailAddress> address = MailAddress.parse(recipient);
            if (address.isEmpty()) {
                continue; // reported with the recipients
            }
            if (configured.isEmpty()) {
                domains.add(address.get().domain());
            } else if (allowed.allowed(recipient).isEmpty()) {
                problems.add(Setting.MAIL_DEFAULT_RECIPIENTS.key() + ": '" + LogText.printable(recipient)
                        + "' is outside " + key + " " + allowed.domains());
            }
        }
        if (configured.isEmpty()) {
            sender.flatMap(MailAddress::parse).ifPresent(address -> domains.add(address.domain()));
            return new MailDomains(domains);
        }
        return allowed;
    }
}
