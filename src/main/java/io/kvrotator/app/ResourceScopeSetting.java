package io.kvrotator.app;

import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.ResourceScopes;
import io.kvrotator.support.LogText;
import io.kvrotator.support.SettingJson;
import io.kvrotator.vault.VaultAllowList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code ROTATOR_RESOURCE_SCOPES}: a JSON object from vault name to the list of what its secrets may rotate,
 * each entry an Azure scope ({@code /subscriptions/{id}}, {@code /subscriptions/{id}/resourceGroups/{rg}} or a
 * resource ID) or {@code app:{object or application ID}}. Infra writes it from the onboarding parameter.
 */
final class ResourceScopeSetting {

    static final String APP_PREFIX = "app:";
    private static final Pattern ARM_SCOPE = Pattern.compile(
            "/subscriptions/[0-9A-Fa-f-]{36}(/resourceGroups/[-\\w._()]{1,90}(/providers/[\\w.]+/[\\w.]+/[-\\w._]+)*)?/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ResourceScopeSetting() {
    }

    static ResourceScopes parse(String key, String json, VaultAllowList vaults, List<String> problems) {
        Map<String, ResourceScope> scopes = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return new ResourceScopes(scopes);
        }
        Optional<Map<String, Object>> root = SettingJson.object(json);
        if (root.isEmpty()) {
            problems.add(key + " must be a JSON object from vault name to a list of scopes, e.g. {\"kv-dev-app\":"
                    + " [\"/subscriptions/{id}/resourceGroups/{rg}\", \"app:{objectId}\"]}");
            return new ResourceScopes(scopes);
        }
        for (Map.Entry<String, Object> entry : root.get().entrySet()) {
            String vault = entry.getKey();
            if (vaults.problem(vault).isPresent()) {
                problems.add(key + ": vault '" + LogText.printable(vault) + "' is not in "
                        + Setting.ALLOWED_VAULTS.key());
                continue;
            }
            scopes.put(vault, scope(key, vault, entry.getValue(), problems));
        }
        return new ResourceScopes(scopes);
    }

    private static ResourceScope scope(String key, String vault, Object entries, List<String> problems) {
        List<String> arm = new ArrayList<>();
        Set<String> applications = new HashSet<>();
        if (!(entries instanceof List<?> list)) {
            problems.add(key + ": the scope of vault '" + vault + "' must be a list of strings");
            return ResourceScope.none(vault);
        }
        for (Object entry : list) {
            String text = entry instanceof String string ? string.trim() : "";
            if (text.regionMatches(true, 0, APP_PREFIX, 0, APP_PREFIX.length())
                    && GUID.matcher(text.substring(APP_PREFIX.length())).matches()) {
                applications.add(text.substring(APP_PREFIX.length()));
            } else if (ARM_SCOPE.matcher(text).matches()) {
                arm.add(text);
            } else {
                problems.add(key + ": '" + LogText.printable(text) + "' in the scope of vault '" + vault
                        + "' is neither /subscriptions/{id}[/resourceGroups/{rg}[/providers/...]] nor app:{GUID}");
            }
        }
        return new ResourceScope(vault, arm, applications);
    }
}
