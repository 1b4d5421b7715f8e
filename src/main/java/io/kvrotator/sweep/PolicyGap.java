package io.kvrotator.sweep;

/**
 * Something the organisation's policy asks of an item that it does not meet: listed in the daily digest and by
 * {@code GET /api/expiries} until someone fixes it.
 */
public sealed interface PolicyGap {

    ExpiryItem item();

    /** One line for people, e.g. {@code no expiry set}. */
    String reason();

    /** The policy asks for an expiry on every secret. */
    record NoExpiry(ExpiryItem item) implements PolicyGap {
        @Override
        public String reason() {
            return "no expiry set";
        }
    }

    /** An {@code Owner}/{@code NotifyTo} address outside the allowed mail domains: it is never mailed. */
    record RecipientOutsideDomains(ExpiryItem item, String address) implements PolicyGap {
        @Override
        public String reason() {
            return "recipient outside allowed domains: " + address;
        }
    }
}
