package io.kvrotator.app;

import io.kvrotator.accessreview.AccessReviewPolicy;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.VaultAllowList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the access review looks at: the managed vaults' resource IDs, the expected service principals. */
final class AccessReviewSettingsReader {

    private static final Pattern VAULT_ID = Pattern.compile(
            "/subscriptions/[0-9A-Fa-f-]{36}/resourceGroups/[-\\w._()]{1,90}/providers/Microsoft\\.KeyVault/vaults/"
                    + "([A-Za-z0-9-]{3,24})", Pattern.CASE_INSENSITIVE);

    private final SettingsReader reader;

    AccessReviewSettingsReader(SettingsReader reader) {
        this.reader = reader;
    }

    AccessReviewPolicy read(VaultAllowList allowed) {
        Map<String, String> vaultIds = new LinkedHashMap<>();
        for (String id : reader.list(Setting.VAULT_RESOURCE_IDS)) {
            Matcher matcher = VAULT_ID.matcher(id);
            if (!matcher.matches()) {
                reader.problems.add(Setting.VAULT_RESOURCE_IDS.key() + " must list Key Vault resource IDs"
                        + " (/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}), got '"
                        + LogText.printable(id) + "'");
            } else if (allowed.problem(matcher.group(1)).isPresent()) {
                reader.problems.add(Setting.VAULT_RESOURCE_IDS.key() + " names vault " + matcher.group(1)
                        + ", which is not in " + Setting.ALLOWED_VAULTS.key());
            } else {
                vaultIds.put(matcher.group(1).toLowerCase(Locale.ROOT), id);
            }
        }
        String own = reader.optional(Setting.IDENTITY_OBJECT_ID).orElse("");
        if (!own.isEmpty() && !SettingsReader.GUID.matcher(own).matches()) {
            reader.problems.add(Setting.IDENTITY_OBJECT_ID.key() + " must be an object ID (a GUID), got '"
                    + LogText.printable(own) + "'");
        }
        Set<String> expected = new LinkedHashSet<>();
        for (String id : reader.list(Setting.ACCESS_REVIEW_EXPECTED_PRINCIPALS)) {
            if (SettingsReader.GUID.matcher(id).matches()) {
                expected.add(id);
            } else {
                reader.problems.add(Setting.ACCESS_REVIEW_EXPECTED_PRINCIPALS.key() + " must list object IDs"
                        + " (GUIDs), got '" + LogText.printable(id) + "'");
            }
        }
        return new AccessReviewPolicy(List.copyOf(allowed.vaults()), vaultIds, expected, own);
    }
}
