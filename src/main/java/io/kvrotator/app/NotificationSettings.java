package io.kvrotator.app;

import io.kvrotator.notify.MailDomains;
import io.kvrotator.vault.SecretValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where notices go. Webhook URLs are secrets (a Workflows URL carries its own signature), so they are held as
 * {@link SecretValue}s and never printed.
 *
 * @param teamsWebhook          the default Teams channel; empty when Teams is off
 * @param teamsRoutes           route name (as written in a {@code NotifyTo} tag) to webhook URL
 * @param mailSender            the mailbox Graph {@code sendMail} runs as; empty when email is off
 * @param mailDefaultRecipients who gets email about items without an email owner
 * @param mailAllowedDomains    the only domains an owner's address may be in to be mailed
 * @param attempts              attempts per channel before falling back to the other channel
 */
public record NotificationSettings(
        String portalUrl,
        Optional<SecretValue> teamsWebhook,
        Map<String, SecretValue> teamsRoutes,
        Optional<String> mailSender,
        List<String> mailDefaultRecipients,
        MailDomains mailAllowedDomains,
        int attempts,
        Duration firstDelay) {

    public NotificationSettings {
        teamsRoutes = Map.copyOf(teamsRoutes);
        mailDefaultRecipients = List.copyOf(mailDefaultRecipients);
    }

    public boolean teamsEnabled() {
        return teamsWebhook.isPresent() || !teamsRoutes.isEmpty();
    }
}
