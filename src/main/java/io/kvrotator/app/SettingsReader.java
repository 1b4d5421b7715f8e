package io.kvrotator.app;

import io.kvrotator.governance.ApprovalPolicy;
import io.kvrotator.notify.MailAddress;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.provider.SettingValues;
import io.kvrotator.rotation.ValidityPeriod;
import io.kvrotator.support.LogText;
import io.kvrotator.support.SettingDefinition;
import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.VaultAllowList;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks app settings one by one, collecting every problem so that start-up names them all at once. */
final class SettingsReader implements SettingValues {

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,254}");
    static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NCRONTAB = Pattern.compile("\\S+( \\S+){5}");
    private static final Pattern APP_ROLE = Pattern.compile("[A-Za-z0-9._-]{1,120}");

    private final Map<String, String> environment;
    final List<String> problems = new ArrayList<>();

    SettingsReader(Map<String, String> environment) {
        this.environment = environment;
    }

    Optional<String> raw(SettingDefinition setting) {
        String value = environment.get(setting.key());
        if (value == null || value.isBlank()) {
            if (setting.defaultValue() == null) {
                problems.add(setting.key() + " is required: " + setting.description());
            }
            return Optional.ofNullable(setting.defaultValue());
        }
        if (value.trim().startsWith("@Microsoft.KeyVault(")) {
            problems.add(setting.key() + " is a Key Vault reference the platform could not resolve: check that"
                    + " the secret exists and that the function's identity may read it");
            return Optional.ofNullable(setting.defaultValue());
        }
        return Optional.of(value.trim());
    }

    VaultAllowList vaults(Setting setting) {
        List<String> names = raw(setting).map(value -> Arrays.stream(value.split(","))
                .map(String::trim).filter(name -> !name.isEmpty()).toList()).orElse(List.of());
        names.forEach(name -> KeyVaultNames.vaultNameProblem(name)
                .ifPresent(problem -> problems.add(setting.key() + ": " + problem)));
        return new VaultAllowList(names);
    }

    @Override
    public String url(SettingDefinition setting, String placeholder) {
        String value = raw(setting).orElse("");
        try {
            URI uri = URI.create(value.replaceAll("\\{[A-Za-z]+}", "x")); // any {placeholder}, e.g. {vault}
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(setting.key() + " must be an absolute http(s) URL, got '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add(setting.key() + " must be an absolute http(s) URL, got '" + value + "'");
        }
        if (placeholder != null && !value.contains(placeholder)) {
            problems.add(setting.key() + " must contain " + placeholder + ", got '" + value + "'");
        }
        return value;
    }

    /** Empty, or an absolute http(s) URL. */
    String optionalUrl(Setting setting) {
        return raw(setting).filter(value -> !value.isEmpty()).map(value -> url(setting, null)).orElse("");
    }

    boolean bool(Setting setting) {
        String value = raw(setting).orElse("");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problems.add(setting.key() + " must be true or false, got '" + LogText.printable(value) + "'");
        }
        return value.equalsIgnoreCase("true");
    }

    @Override
    public String text(SettingDefinition setting) {
        return raw(setting).orElse("");
    }

    @Override
    public void problem(SettingDefinition setting, String problem) {
        problems.add(setting.key() + " " + problem);
    }

    /** Whether App Service authentication is on: the platform writes {@code True}; anything else is off. */
    boolean platformAuthentication() {
        return raw(Setting.PLATFORM_AUTHENTICATION).orElse("").equalsIgnoreCase("true");
    }

    /**
     * Requiring a caller identity or role needs App Service authentication: without it the principal header
     * that would prove them could come from anyone holding a function key.
     */
    void callerIdentityNeedsAuthentication(Settings settings) {
        if (settings.platformAuthentication()) {
            return;
        }
        String off = " but " + Setting.PLATFORM_AUTHENTICATION.key() + " is not true (App Service authentication"
                + " is off, so X-MS-CLIENT-PRINCIPAL would not come from the platform): turn authentication on"
                + " for the function app, or unset ";
        if (settings.requireCallerIdentity()) {
            problems.add(Setting.REQUIRE_CALLER_IDENTITY.key() + " is true" + off
                    + Setting.REQUIRE_CALLER_IDENTITY.key());
        }
        if (!settings.requiredCallerRole().isBlank()) {
            problems.add(Setting.REQUIRED_CALLER_ROLE.key() + " is set" + off + Setting.REQUIRED_CALLER_ROLE.key());
        }
    }

    /** The two-person rule: the approver role (an app role value), how long a request lasts, who hears of it. */
    ApprovalPolicy approvals() {
        String role = text(Setting.APPROVER_ROLE);
        if (!APP_ROLE.matcher(role).matches()) {
            problems.add(Setting.APPROVER_ROLE.key() + " must be an app role value (letters, digits, '.', '_', '-'),"
                    + " got '" + LogText.printable(role) + "'");
        }
        return new ApprovalPolicy(role, Duration.ofHours(integer(Setting.APPROVAL_EXPIRY_HOURS, 1, 168)),
                list(Setting.APPROVERS_NOTIFY_TO), bool(Setting.EMERGENCY_REVOCATION));
    }

    @Override
    public Optional<String> tenant(SettingDefinition setting) {
        Optional<String> value = raw(setting).filter(tenant -> !tenant.isEmpty());
        if (value.isPresent() && !TENANT.matcher(value.get()).matches()) {
            problems.add(setting.key() + " must be a tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com,"
                    + " got '" + LogText.printable(value.get()) + "'");
        }
        return value;
    }

    @Override
    public int integer(SettingDefinition setting, int min, int max) {
        String value = raw(setting).orElse("");
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(setting.key() + " must be a whole number from " + min + " to " + max + ", got '"
                + LogText.printable(value) + "'");
        return min;
    }

    @Override
    public String matching(SettingDefinition setting, Pattern pattern, String expected) {
        String value = raw(setting).orElse("");
        if (!pattern.matcher(value).matches()) {
            problems.add(setting.key() + " must be " + expected + ", got '" + LogText.printable(value) + "'");
        }
        return value;
    }

    SweepSettings sweep() {
        String schedule = raw(Setting.SWEEP_SCHEDULE).orElse("");
        if (!NCRONTAB.matcher(schedule).matches()) {
            problems.add(Setting.SWEEP_SCHEDULE.key() + " must be a six-field NCRONTAB expression"
                    + " (second minute hour day month weekday), got '" + LogText.printable(schedule) + "'");
        }
        return new SweepSettings(thresholds(Setting.ALERT_THRESHOLDS_DAYS), schedule,
                applications(Setting.SWEEP_APPLICATIONS), containerName(Setting.NOTIFICATION_STATE_CONTAINER));
    }

    ResourceScopes resourceScopes() {
        return ResourceScopeSetting.parse(Setting.RESOURCE_SCOPES.key(), raw(Setting.RESOURCE_SCOPES).orElse(""),
                new VaultAllowList(list(Setting.ALLOWED_VAULTS)), problems);
    }

    HostStorage hostStorage() {
        Optional<String> account = optional(Setting.HOST_STORAGE_ACCOUNT);
        account.filter(name -> !name.matches("[a-z0-9]{3,24}")).ifPresent(name -> problems.add(
                Setting.HOST_STORAGE_ACCOUNT.key() + " must be a storage account name, got '"
                        + LogText.printable(name) + "'"));
        return new HostStorage(account.map(name -> "https://" + name + ".blob.core.windows.net").orElse(null),
                account.isPresent() ? null : optional(Setting.HOST_STORAGE).map(SecretValue::of).orElse(null));
    }

    Optional<String> optional(Setting setting) {
        return raw(setting).filter(value -> !value.isEmpty());
    }

    private List<Integer> thresholds(Setting setting) {
        Set<Integer> days = new LinkedHashSet<>();
        for (String value : list(setting)) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= 1 && parsed <= 365) {
                    days.add(parsed);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(setting.key() + " must list whole numbers of days from 1 to 365, got '"
                    + LogText.printable(value) + "'");
        }
        if (days.isEmpty()) {
            problems.add(setting.key() + " must list at least one number of days, e.g. 30,14,7,3,1");
        }
        return days.stream().sorted(Comparator.reverseOrder()).toList();
    }

    private SweepSettings.Applications applications(Setting setting) {
        List<String> values = list(setting);
        if (values.size() == 1 && values.get(0).equalsIgnoreCase("all")) {
            return new SweepSettings.Applications(true, Set.of());
        }
        if (values.isEmpty() || values.size() == 1 && values.get(0).equalsIgnoreCase("none")) {
            return new SweepSettings.Applications(false, Set.of());
        }
        values.stream().filter(id -> !GUID.matcher(id).matches()).forEach(id -> problems.add(setting.key()
                + " must be all, none, or application object IDs, got '" + LogText.printable(id) + "'"));
        return new SweepSettings.Applications(false, values.stream()
                .map(id -> id.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()));
    }

    String containerName(Setting setting) {
        String name = raw(setting).orElse("");
        if (!name.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")) {
            problems.add(setting.key() + " must be a blob container name (3-63 lowercase letters, digits and"
                    + " single hyphens), got '" + LogText.printable(name) + "'");
        }
        return name;
    }

    List<String> list(Setting setting) {
        return raw(setting).map(value -> Arrays.stream(value.split("[,;]"))
                .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
    }
}
