package io.kvrotator.vault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SecretStore} over the Key Vault {@code SecretClient}. The values it reads are dropped at once. */
public final class KeyVaultSecretStore implements SecretStore {

    private final SecretClients clients;

    public KeyVaultSecretStore(SecretClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<SecretVersion> latest(SecretRef ref) {
        try {
            // Key Vault has no "latest version's attributes without the value" call; the value is not kept.
            return Optional.of(toVersion(ref, clients.forVault(ref.vault()).getSecret(ref.name()).getProperties()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (HttpResponseException e) {
            if (refusedAsDisabled(e)) {
                return latestDisabled(ref);
            }
            throw e;
        }
    }

    /**
     * The newest of the versions, which Key Vault lists with their attributes and tags although they are disabled;
     * of versions created in the same second, the one listed last.
     */
    private Optional<SecretVersion> latestDisabled(SecretRef ref) {
        Comparator<SecretVersion> byCreation = Comparator.comparing(SecretVersion::createdOn,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        return clients.forVault(ref.vault()).listPropertiesOfSecretVersions(ref.name()).stream()
                .map(properties -> toVersion(ref, properties))
                .reduce((newest, next) -> byCreation.compare(next, newest) >= 0 ? next : newest);
    }

    private static boolean refusedAsDisabled(HttpResponseException e) {
        return e.getResponse() != null && e.getResponse().getStatusCode() == 403
                && String.valueOf(e.getMessage()).contains("disabled");
    }

    @Override
    public Optional<StoredSecret> read(SecretRef ref, String version) {
        try {
            KeyVaultSecret secret = clients.forVault(ref.vault()).getSecret(ref.name(), version);
            return Optional.of(new StoredSecret(toVersion(ref, secret.getProperties()), SecretValue.of(secret.getValue())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (HttpResponseException e) {
            if (version != null && refusedAsDisabled(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<SecretVersion> list(String vault) {
        return clients.list(vault, VaultCollection.SECRETS).stream()
                .filter(item -> !item.managed())
                .map(item -> new SecretVersion(new SecretRef(vault, item.name()), null, item.enabled(),
                        item.createdOn(), item.notBefore(), item.expiresOn(), item.contentType(), item.tags()))
                .toList();
    }

    @Override
    public SecretVersion put(SecretRef ref, NewSecretVersion version) {
        KeyVaultSecret secret = new KeyVaultSecret(ref.name(), version.value().reveal());
        secret.setProperties(new SecretProperties()
                .setEnabled(true)
                .setNotBefore(toOffset(version.notBefore()))
                .setExpiresOn(toOffset(version.expiresOn()))
                .setContentType(version.contentType())
                .setTags(version.tags()));
        return toVersion(ref, clients.forVault(ref.vault()).setSecret(secret).getProperties());
    }

    @Override
    public List<String> disableAllExcept(SecretRef ref, String keepVersion, Map<String, String> tags) {
        SecretClient client = clients.forVault(ref.vault());
        List<String> disabled = new ArrayList<>();
        for (SecretProperties properties : client.listPropertiesOfSecretVersions(ref.name())) {
            if (Boolean.TRUE.equals(properties.isEnabled()) && !properties.getVersion().equals(keepVersion)) {
                client.updateSecretProperties(properties.setEnabled(false)
                        .setTags(Tags.withRoomFor(properties.getTags(), tags)));
                disabled.add(properties.getVersion());
            }
        }
        return disabled;
    }

    /** Attributes and tags as Key Vault returned them; the version is null for a secrets-list entry. */
    private static SecretVersion toVersion(SecretRef ref, SecretProperties properties) {
        return new SecretVersion(
                ref,
                properties.getVersion(),
                Boolean.TRUE.equals(properties.isEnabled()),
                toInstant(properties.getCreatedOn()),
                toInstant(properties.getNotBefore()),
                toInstant(properties.getExpiresOn()),
                properties.getContentType(),
                properties.getTags());
    }

    private static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime toOffset(Instant time) {
        return time == null ? null : time.atOffset(ZoneOffset.UTC);
    }
}
