package io.kvrotator.provider.storage;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A storage account's ARM resource ID, as the {@code ProviderAddress} tag holds it. */
public record StorageAccountId(String subscriptionId, String resourceGroup, String accountName) {

    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/subscriptions/([0-9A-Fa-f-]{36})/resourceGroups/([-\\w._()]{1,90})"
                    + "/providers/Microsoft\\.Storage/storageAccounts/([a-z0-9]{3,24})/?",
            Pattern.CASE_INSENSITIVE);

    public static Optional<StorageAccountId> parse(String resourceId) {
        if (resourceId == null) {
            return Optional.empty();
        }
        Matcher matcher = RESOURCE_ID.matcher(resourceId.trim());
        if (!matcher.matches() || !matcher.group(3).equals(matcher.group(3).toLowerCase())) {
            return Optional.empty();
        }
        return Optional.of(new StorageAccountId(matcher.group(1), matcher.group(2), matcher.group(3)));
    }

    public String resourceId() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Storage/storageAccounts/" + accountName;
    }
}
