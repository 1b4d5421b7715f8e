package io.kvrotator.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.notify.MailAddress;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.rotation.ValidityPeriod;
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

/** The app settings, read and validated once; see {@link Setting} for what each one means. */
public record Settings(
        VaultAllowList allowedVaults,
        String keyVaultUrlTemplate,
        String resourceManagerEndpoint,
        String storageBlobEndpointTemplate,
        Duration nearExpiryWindow,
        Duration storageKeyValidity,
        int keyVaultWritesPer10s,
        int keyVaultOthersPer10s,
        int verifyAttempts,
        Duration verifyFirstDelay,
        boolean requireCallerIdentity,
        String requiredCallerRole,
        boolean platformAuthentication,
        String graphEndpoint,
        String entraAuthorityHost,
        Optional<String> entraTenantId,
        Period appSecretValidity,
        Duration appSecretOverlap,
        NotificationSettings notifications,
        SweepSettings sweep,
        HostStorage hostStorage,
        String lockContainer,
        Duration httpTimeout,
        ResourceScopes resourceScopes,
        Duration minimumRotationAge,
        Duration clockSkew) {

    /** Reads settings from environment-style key/value pairs; throws naming every bad setting at once. */
    public static Settings from(Map<String, String> environment) {
        Reader reader = new Reader(environment);
        Settings settings = new Settings(
                reader.vaults(Setting.ALLOWED_VAULTS),
                reader.url(Setting.KEYVAULT_URL_TEMPLATE, "{vault}"),
                reader.url(Setting.RESOURCE_MANAGER_ENDPOINT, null),
                reader.url(Setting.STORAGE_BLOB_ENDPOINT_TEMPLATE, "{account}"),
                Duration.ofDays(reader.integer(Setting.NEAR_EXPIRY_DAYS, KEY_VAULT_EVENT_DAYS, 365)),
                Duration.ofDays(reader.integer(Setting.STORAGE_KEY_VALIDITY_DAYS, 1, 3650)),
                reader.integer(Setting.KEYVAULT_WRITES_PER_10S, 1, 300),
                reader.integer(Setting.KEYVAULT_OTHERS_PER_10S, 1, 4000),
                reader.integer(Setting.VERIFY_ATTEMPTS, 1, 20),
                Duration.ofMillis(reader.integer(Setting.VERIFY_FIRST_DELAY_MS, 0, 60_000)),
                reader.bool(Setting.REQUIRE_CALLER_IDENTITY),
                reader.text(Setting.REQUIRED_CALLER_ROLE),
                reader.platformAuthentication(),
                reader.url(Setting.GRAPH_ENDPOINT, null),
                reader.url(Setting.ENTRA_AUTHORITY_HOST, null),
                reader.tenant(Setting.ENTRA_TENANT_ID),
                Period.ofMonths(reader.integer(Setting.APP_SECRET_VALIDITY_MONTHS, 1, 24)),
                Duration.ofDays(reader.integer(Setting.APP_SECRET_OVERLAP_DAYS, 1, 90)),
                reader.notifications(),
                reader.sweep(),
                reader.hostStorage(),
                reader.containerName(Setting.LOCK_CONTAINER),
                Duration.ofSeconds(reader.integer(Setting.HTTP_TIMEOUT_SECONDS, 1, 230)),
                reader.resourceScopes(),
                Duration.ofMinutes(reader.integer(Setting.MIN_ROTATION_AGE_MINUTES, 0, 43_200)),
                Duration.ofSeconds(reader.integer(Setting.CLOCK_SKEW_SECONDS, 0, 3600)));
        settings.checkCadence(reader.problems);
        reader.callerIdentityNeedsAuthentication(settings);
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return settings;
    }

    /** Key Vault raises SecretNearExpiry this many days before a secret expires. */
    static final int KEY_VAULT_EVENT_DAYS = 30;

    /** Validities that would put a new version inside the near-expiry window contradict that window. */
    private void checkCadence(List<String> problems) {
        Duration shortest = ValidityPeriod.shortestFor(nearExpiryWindow);
        String window = Setting.NEAR_EXPIRY_DAYS.key() + " (" + nearExpiryWindow.toDays() + " days)";
        if (storageKeyValidity.compareTo(shortest) < 0) {
            problems.add(Setting.STORAGE_KEY_VALIDITY_DAYS.key() + " (" + storageKeyValidity.toDays() + " days) must be"
                    + " at least " + shortest.toDays() + " days, comfortably longer than " + window);
        }
        if (Duration.ofDays(appSecretValidity.toTotalMonths() * 28).compareTo(shortest) < 0) {
            problems.add(Setting.APP_SECRET_VALIDITY_MONTHS.key() + " (" + appSecretValidity.toTotalMonths()
                    + " months) must be at least " + shortest.toDays() + " days, comfortably longer than " + window);
        }
    }

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,254}");

    private static final class Reader {
        private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");
        private static final Pattern GUID = Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        private static final Pattern ROUTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        private static final Pattern NCRONTAB = Pattern.compile("\\S+( \\S+){5}");

        private final Map<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> environment) {
            this.environment = environment;
        }

        private Optional<String> raw(Setting setting) {
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

        String url(Setting setting, String placeholder) {
            String value = raw(setting).orElse("");
            try {
                URI uri = URI.create(value.replace("{vault}", "v").replace("{account}", "a"));
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

        boolean bool(Setting setting) {
            String value = raw(setting).orElse("");
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                problems.add(setting.key() + " must be true or false, got '" + KeyVaultNames.printable(value) + "'");
            }
            return value.equalsIgnoreCase("true");
        }

        String text(Setting setting) {
            return raw(setting).orElse("");
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

        /** A tenant ID (GUID) or a verified domain name; empty when not set. */
        Optional<String> tenant(Setting setting) {
            Optional<String> value = raw(setting).filter(tenant -> !tenant.isEmpty());
            if (value.isPresent() && !TENANT.matcher(value.get()).matches()) {
                problems.add(setting.key() + " must be a tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com,"
                        + " got '" + KeyVaultNames.printable(value.get()) + "'");
            }
            return value;
        }

        int integer(Setting setting, int min, int max) {
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
                    + KeyVaultNames.printable(value) + "'");
            return min;
        }

        NotificationSettings notifications() {
            Optional<String> sender = optional(Setting.MAIL_SENDER);
            sender.filter(value -> !EMAIL.matcher(value).matches() && !GUID.matcher(value).matches())
                    .ifPresent(value -> problems.add(Setting.MAIL_SENDER.key() + " must be a mailbox address or a"
                            + " user object ID, got '" + KeyVaultNames.printable(value) + "'"));
            List<String> recipients = emails(Setting.MAIL_DEFAULT_RECIPIENTS);
            if (sender.isPresent() && recipients.isEmpty()) {
                problems.add(Setting.MAIL_DEFAULT_RECIPIENTS.key() + " is required when "
                        + Setting.MAIL_SENDER.key() + " is set: " + Setting.MAIL_DEFAULT_RECIPIENTS.description());
            }
            return new NotificationSettings(
                    url(Setting.PORTAL_URL, null),
                    optional(Setting.TEAMS_WEBHOOK_URL).map(value -> secretUrl(Setting.TEAMS_WEBHOOK_URL.key(), value)),
                    routes(Setting.TEAMS_ROUTES),
                    sender,
                    recipients,
                    AllowedMailDomains.read(list(Setting.MAIL_ALLOWED_DOMAINS), sender, recipients, problems),
                    integer(Setting.NOTIFY_ATTEMPTS, 1, 10),
                    Duration.ofMillis(integer(Setting.NOTIFY_FIRST_DELAY_MS, 0, 60_000)));
        }

        SweepSettings sweep() {
            String schedule = raw(Setting.SWEEP_SCHEDULE).orElse("");
            if (!NCRONTAB.matcher(schedule).matches()) {
                problems.add(Setting.SWEEP_SCHEDULE.key() + " must be a six-field NCRONTAB expression"
                        + " (second minute hour day month weekday), got '" + KeyVaultNames.printable(schedule) + "'");
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
                            + KeyVaultNames.printable(name) + "'"));
            return new HostStorage(account.map(name -> "https://" + name + ".blob.core.windows.net").orElse(null),
                    account.isPresent() ? null : optional(Setting.HOST_STORAGE).map(SecretValue::of).orElse(null));
        }

        private Optional<String> optional(Setting setting) {
            return raw(setting).filter(value -> !value.isEmpty());
        }

        /** Checks a URL that is a secret: the message names the setting but never echoes the value. */
        private SecretValue secretUrl(String what, String value) {
            try {
                URI uri = URI.create(value);
                if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add(what + " must be an absolute https URL (value not shown: it is a secret)");
                }
            } catch (IllegalArgumentException e) {
                problems.add(what + " must be an absolute https URL (value not shown: it is a secret)");
            }
            return SecretValue.of(value);
        }

        private Map<String, SecretValue> routes(Setting setting) {
            Map<String, SecretValue> routes = new LinkedHashMap<>();
            Optional<String> json = optional(setting);
            if (json.isEmpty()) {
                return routes;
            }
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(json.get());
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                problems.add(setting.key() + " must be a JSON object from route name to webhook URL"
                        + " (value not shown: it is a secret)");
                return routes;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> route = it.next();
                String name = route.getKey();
                if (!ROUTE.matcher(name).matches() || name.contains("@")) {
                    problems.add(setting.key() + ": route name '" + KeyVaultNames.printable(name)
                            + "' must be 1-64 letters, digits, '.', '_' or '-'");
                } else if (!route.getValue().isTextual()) {
                    problems.add(setting.key() + ": route '" + name + "' must map to a webhook URL string");
                } else {
                    routes.put(name.toLowerCase(Locale.ROOT),
                            secretUrl(setting.key() + ": route '" + name + "'", route.getValue().asText()));
                }
            }
            return routes;
        }

        private List<String> emails(Setting setting) {
            List<String> addresses = list(setting);
            addresses.stream().filter(address -> MailAddress.parse(address).isEmpty()).forEach(address -> problems.add(
                    setting.key() + ": '" + KeyVaultNames.printable(address) + "' is not a plain ASCII email address"));
            return addresses;
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
                        + KeyVaultNames.printable(value) + "'");
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
                    + " must be all, none, or application object IDs, got '" + KeyVaultNames.printable(id) + "'"));
            return new SweepSettings.Applications(false, values.stream()
                    .map(id -> id.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()));
        }

        String containerName(Setting setting) {
            String name = raw(setting).orElse("");
            if (!name.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]")) {
                problems.add(setting.key() + " must be a blob container name (3-63 lowercase letters, digits and"
                        + " single hyphens), got '" + KeyVaultNames.printable(name) + "'");
            }
            return name;
        }

        private List<String> list(Setting setting) {
            return raw(setting).map(value -> Arrays.stream(value.split("[,;]"))
                    .map(String::trim).filter(item -> !item.isEmpty()).toList()).orElse(List.of());
        }
    }
}
