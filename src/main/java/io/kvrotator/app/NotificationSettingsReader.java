package io.kvrotator.app;

import io.kvrotator.notify.MailAddress;
import io.kvrotator.support.LogText;
import io.kvrotator.support.SettingJson;
import io.kvrotator.vault.SecretValue;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the notification settings: channels, Teams routes (secret URLs, never echoed), mail sender and recipients. */
final class NotificationSettingsReader {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
    private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final SettingsReader reader;

    NotificationSettingsReader(SettingsReader reader) {
        this.reader = reader;
    }

    NotificationSettings read() {
        Optional<String> sender = reader.optional(Setting.MAIL_SENDER);
        sender.filter(value -> !EMAIL.matcher(value).matches() && !SettingsReader.GUID.matcher(value).matches())
                .ifPresent(value -> reader.problems.add(Setting.MAIL_SENDER.key() + " must be a mailbox address or a"
                        + " user object ID, got '" + LogText.printable(value) + "'"));
        List<String> recipients = emails(Setting.MAIL_DEFAULT_RECIPIENTS);
        if (sender.isPresent() && recipients.isEmpty()) {
            reader.problems.add(Setting.MAIL_DEFAULT_RECIPIENTS.key() + " is required when "
                    + Setting.MAIL_SENDER.key() + " is set: " + Setting.MAIL_DEFAULT_RECIPIENTS.description());
        }
        return new NotificationSettings(
                reader.url(Setting.PORTAL_URL, null),
                reader.optional(Setting.TEAMS_WEBHOOK_URL).map(value -> secretUrl(Setting.TEAMS_WEBHOOK_URL.key(), value)),
                routes(Setting.TEAMS_ROUTES),
                sender,
                recipients,
                AllowedMailDomains.read(reader.list(Setting.MAIL_ALLOWED_DOMAINS), sender, recipients, reader.problems),
                reader.integer(Setting.NOTIFY_ATTEMPTS, 1, 10),
                Duration.ofMillis(reader.integer(Setting.NOTIFY_FIRST_DELAY_MS, 0, 60_000)));
    }

    /** Checks a URL that is a secret: the message names the setting but never echoes the value. */
    private SecretValue secretUrl(String what, String value) {
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                reader.problems.add(what + " must be an absolute https URL (value not shown: it is a secret)");
            }
        } catch (IllegalArgumentException e) {
            reader.problems.add(what + " must be an absolute https URL (value not shown: it is a secret)");
        }
        return SecretValue.of(value);
    }

    private Map<String, SecretValue> routes(Setting setting) {
        Map<String, SecretValue> routes = new LinkedHashMap<>();
        Optional<String> json = reader.optional(setting);
        if (json.isEmpty()) {
            return routes;
        }
        Optional<Map<String, Object>> node = SettingJson.object(json.get());
        if (node.isEmpty()) {
            reader.problems.add(setting.key() + " must be a JSON object from route name to webhook URL"
                    + " (value not shown: it is a secret)");
            return routes;
        }
        for (Map.Entry<String, Object> route : node.get().entrySet()) {
            String name = route.getKey();
            if (!ROUTE.matcher(name).matches() || name.contains("@")) {
                reader.problems.add(setting.key() + ": route name '" + LogText.printable(name)
                        + "' must be 1-64 letters, digits, '.', '_' or '-'");
            } else if (!(route.getValue() instanceof String url)) {
                reader.problems.add(setting.key() + ": route '" + name + "' must map to a webhook URL string");
            } else {
                routes.put(name.toLowerCase(Locale.ROOT),
                        secretUrl(setting.key() + ": route '" + name + "'", url));
            }
        }
        return routes;
    }

    private List<String> emails(Setting setting) {
        List<String> addresses = reader.list(setting);
        addresses.stream().filter(address -> MailAddress.parse(address).isEmpty()).forEach(address -> reader.problems.add(
                setting.key() + ": '" + LogText.printable(address) + "' is not a plain ASCII email address"));
        return addresses;
    }
}
