package io.kvrotator.notify;

import java.util.Optional;
import java.util.Set;

/**
 * The organisation's mail domains: kv-rotator mails an {@code Owner}/{@code NotifyTo} address only when its domain is
 * one of these or a subdomain of one ({@code team@eu.contoso.com} with {@code contoso.com}). Anything else, including
 * what {@link MailAddress} cannot parse, is refused: its notices go to the default recipients instead.
 *
 * @param domains lower-case ASCII domain names, as {@link MailAddress#domainProblem} accepts them
 */
public record MailDomains(Set<String> domains) {

    public MailDomains {
        domains = Set.copyOf(domains);
        domains.forEach(domain -> MailAddress.domainProblem(domain).ifPresent(problem -> {
            throw new IllegalArgumentException("mail domain '" + domain + "' " + problem);
        }));
    }

    /** The address as it is to be mailed, or empty when it is outside these domains or not a plain address. */
    public Optional<MailAddress> allowed(String address) {
        return MailAddress.parse(address).filter(this::contains);
    }

    private boolean contains(MailAddress address) {
        return domains.stream().anyMatch(domain -> address.domain().equals(domain)
                || address.domain().endsWith("." + domain));
    }
}
