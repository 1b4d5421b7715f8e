package io.kvrotator.app;

import io.kvrotator.vault.KeyVaultNames;
import io.kvrotator.vault.VaultAllowList;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        String graphEndpoint,
        String entraAuthorityHost,
        Optional<String> entraTenantId,
        Period appSecretValidity,
        Duration appSecretOverlap) {

    /** Reads settings from environment-style key/value pairs; throws naming every bad setting at once. */
    public static Settings from(Map<String, String> environment) {
        Reader reader = new Reader(environment);
        Settings settings = new Settings(
                reader.vaults(Setting.ALLOWED_VAULTS),
                reader.url(Setting.KEYVAULT_URL_TEMPLATE, "{vault}"),
                reader.url(Setting.RESOURCE_MANAGER_ENDPOINT, null),
                reader.url(Setting.STORAGE_BLOB_ENDPOINT_TEMPLATE, "{account}"),
                Duration.ofDays(reader.integer(Setting.NEAR_EXPIRY_DAYS, 1, 365)),
                Duration.ofDays(reader.integer(Setting.STORAGE_KEY_VALIDITY_DAYS, 1, 3650)),
                reader.integer(Setting.KEYVAULT_WRITES_PER_10S, 1, 300),
                reader.integer(Setting.KEYVAULT_OTHERS_PER_10S, 1, 4000),
                reader.integer(Setting.VERIFY_ATTEMPTS, 1, 20),
                Duration.ofMillis(reader.integer(Setting.VERIFY_FIRST_DELAY_MS, 0, 60_000)),
                reader.bool(Setting.REQUIRE_CALLER_IDENTITY),
                reader.text(Setting.REQUIRED_CALLER_ROLE),
                reader.url(Setting.GRAPH_ENDPOINT, null),
                reader.url(Setting.ENTRA_AUTHORITY_HOST, null),
                reader.tenant(Setting.ENTRA_TENANT_ID),
                Period.ofMonths(reader.integer(Setting.APP_SECRET_VALIDITY_MONTHS, 1, 24)),
                Duration.ofDays(reader.integer(Setting.APP_SECRET_OVERLAP_DAYS, 1, 90)));
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return settings;
    }

    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,254}");

    private static final class Reader {
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
    }
}
