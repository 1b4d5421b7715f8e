package io.kvrotator.event;

import io.kvrotator.support.LogText;
import io.kvrotator.vault.KeyVaultNames;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a secret version as a Key Vault event's {@code data.Id} carries it:
 * {@code https://{vault}.vault.azure.net/secrets/{name}/{version}}, or the same under a sovereign cloud's
 * {@code vault.} domain ({@code vault.azure.cn}, {@code vault.usgovcloudapi.net}, ...).
 */
record SecretId(String vault, String name, String version) {

    private static final Pattern PATH = Pattern.compile("/secrets/([^/]+)/([^/]+)");

    /** Reads {@code url}; throws {@link IllegalArgumentException} with a message that says what does not fit. */
    static SecretId parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw notAnId(url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getHost() == null || uri.getPort() != -1 && uri.getPort() != 443
                || uri.getRawPath() == null) {
            throw notAnId(url);
        }
        String[] labels = uri.getHost().split("\\.");
        Matcher path = PATH.matcher(uri.getRawPath());
        if (labels.length < 3 || !labels[1].equalsIgnoreCase("vault") || !path.matches()) {
            throw notAnId(url);
        }
        SecretId id = new SecretId(labels[0], path.group(1), path.group(2));
        Optional<String> problem = KeyVaultNames.vaultNameProblem(id.vault())
                .or(() -> KeyVaultNames.secretNameProblem(id.name()))
                .or(() -> KeyVaultNames.versionProblem(id.version()));
        problem.ifPresent(text -> {
            throw new IllegalArgumentException("data Id: " + text);
        });
        return id;
    }

    private static IllegalArgumentException notAnId(String url) {
        return new IllegalArgumentException("data Id '" + LogText.printable(url) + "' is not a Key Vault secret"
                + " version URL (https://{vault}.vault.azure.net/secrets/{name}/{version})");
    }
}
