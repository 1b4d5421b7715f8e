package io.kvrotator.notify;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as kv-rotator will mail it. Addresses come from tags that anyone allowed to tag a secret can write,
 * so parsing is strict rather than RFC-complete: NFKC-normalised, then ASCII only, exactly one {@code @}, a dot-atom
 * local part (no quotes, comments or brackets) and a host name of letters, digits and hyphens with at least two
 * labels. The domain is lower-cased.
 */
public record MailAddress(String local, String domain) {

    private static final Pattern LOCAL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** The address, or empty when it is not one kv-rotator would mail. */
    public static Optional<MailAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String normalised = Normalizer.normalize(text.trim(), Normalizer.Form.NFKC);
        int at = normalised.indexOf('@');
        if (at <= 0 || at != normalised.lastIndexOf('@') || at > 64) {
            return Optional.empty();
        }
        String local = normalised.substring(0, at);
        String domain = normalised.substring(at + 1).toLowerCase(Locale.ROOT);
        return LOCAL.matcher(local).matches() && domainProblem(domain).isEmpty()
                ? Optional.of(new MailAddress(local, domain)) : Optional.empty();
    }

    /**
     * Why {@code domain} (already normalised) is not a host name of at least two labels, or empty when it is. A
     * single label is refused: allowing {@code com} would allow half the internet.
     */
    public static Optional<String> domainProblem(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || !domain.chars().allMatch(c -> c < 0x80)) {
            return Optional.of("is not an ASCII domain name (use the xn-- form for international names)");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("must have at least two labels, e.g. contoso.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("is not a domain name (labels of letters, digits and inner hyphens, separated by"
                        + " single dots)");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return local + "@" + domain;
    }
}
