package io.kvrotator.infra;

import io.kvrotator.app.Setting;
import io.kvrotator.infra.Templates.Context;
import io.kvrotator.infra.bicep.BicepFile;
import io.kvrotator.infra.bicep.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each notice channel's app settings are set only when the channel's switch (a bool parameter of main.bicep) is
 * on, so that a deployment with one channel starts: the worker stops on a Key Vault reference to a secret nobody
 * seeded. A parameters file that turns email on also gives it default recipients, which the app requires with a
 * sender.
 */
final class NoticeChannelsCheck {

    /** Switch parameter to the settings it switches. */
    static final Map<String, Set<String>> CHANNELS = channels();

    private final Templates templates;
    private final List<Violation> violations;

    NoticeChannelsCheck(Templates templates, List<Violation> violations) {
        this.templates = templates;
        this.violations = violations;
    }

    void check() {
        List<GuardedSettings.Setting> settings = GuardedSettings.of(templates);
        Context root = templates.root();
        CHANNELS.forEach((channelSwitch, keys) -> {
            if (root.file().param(channelSwitch).filter(p -> p.type().equals("bool")).isEmpty()) {
                fail(root.describe(), "no bool parameter " + channelSwitch + " switches the settings " + keys);
                return;
            }
            boolean switchesSomething = false;
            for (GuardedSettings.Setting setting : settings) {
                if (!keys.contains(setting.key())) {
                    continue;
                }
                if (onlyWhenOn(setting, channelSwitch)) {
                    switchesSomething = true;
                } else {
                    fail(setting.value().context().describe(), "app setting " + setting.key() + " is set whether or not "
                            + channelSwitch + " is on; a channel that is off gets none of its settings (a Key Vault reference "
                            + "to a secret nobody seeded stops the worker)");
                }
            }
            if (!switchesSomething) {
                fail(root.describe(), channelSwitch + " switches none of " + keys);
            }
        });
        for (BicepFile parameters : templates.parameterFiles()) {
            mailHasRecipients(settings, new ParameterValues(templates, parameters, Map.of()));
        }
    }

    /** Whether the setting is reached only through {@code channelSwitch ? {...} : ...}. */
    private boolean onlyWhenOn(GuardedSettings.Setting setting, String channelSwitch) {
        return setting.guards().stream().anyMatch(guard -> guard.when() && templates.mainParam(guard.condition())
                .map(Statement.Param::name).filter(channelSwitch::equals).isPresent());
    }

    private void mailHasRecipients(List<GuardedSettings.Setting> settings, ParameterValues values) {
        Map<String, Optional<Object>> present = GuardedSettings.present(settings, values);
        String sender = Setting.MAIL_SENDER.key();
        String recipients = Setting.MAIL_DEFAULT_RECIPIENTS.key();
        Optional<Object> value = present.getOrDefault(recipients, Optional.of(""));
        if (present.containsKey(sender) && value.map(v -> v.toString().isBlank()).orElse(false)) {
            fail(values.file().path(), "turns email on (" + sender + ") without " + recipients
                    + " (mailDefaultRecipients): the worker refuses to start with a sender and no default recipients");
        }
    }

    private void fail(String where, String message) {
        violations.add(new Violation(where, message));
    }

    private static Map<String, Set<String>> channels() {
        Map<String, Set<String>> channels = new LinkedHashMap<>();
        channels.put("teamsNotifications", Set.of(Setting.TEAMS_WEBHOOK_URL.key(), Setting.TEAMS_ROUTES.key()));
        channels.put("mailNotifications", Set.of(Setting.MAIL_SENDER.key(), Setting.MAIL_DEFAULT_RECIPIENTS.key()));
        return Collections.unmodifiableMap(channels);
    }
}
