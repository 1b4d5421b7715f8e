package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the secrets of one vault may rotate (setting {@code ROTATOR_RESOURCE_SCOPES}): Azure resources under the
 * listed subscriptions, resource groups or resource IDs, and the listed app registrations (object or application
 * ID). Tags are claims: whoever may tag a secret must not be able to point kv-rotator at another team's resource.
 *
 * @param vault        the vault the scope belongs to, for messages
 * @param armScopes    {@code /subscriptions/{id}}, {@code .../resourceGroups/{rg}} or full resource IDs, lower case
 * @param applications application object IDs or application (client) IDs, lower case
 */
public record ResourceScope(String vault, List<String> armScopes, Set<String> applications) {

    public static final String SETTING = "ROTATOR_RESOURCE_SCOPES";

    public ResourceScope {
        armScopes = armScopes.stream().map(ResourceScope::normalised).toList();
        applications = applications.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A scope that permits nothing: the vault is not listed in the setting. */
    public static ResourceScope none(String vault) {
        return new ResourceScope(vault, List.of(), Set.of());
    }

    public boolean permitsResource(String resourceId) {
        String id = normalised(resourceId);
        return armScopes.stream().anyMatch(scope -> id.equals(scope) || id.startsWith(scope + "/"));
    }

    public boolean permitsApplication(String objectId, String appId) {
        return objectId != null && applications.contains(objectId.toLowerCase(Locale.ROOT))
                || appId != null && applications.contains(appId.toLowerCase(Locale.ROOT));
    }

    /** A terminal refusal unless the Azure resource lies in this vault's scope. */
    public void requireResource(String resourceId) {
        if (!permitsResource(resourceId)) {
            throw RotationException.terminal(Step.PLAN, "refused: " + resourceId + " is outside the resource scope of"
                    + " vault " + vault + " (setting " + SETTING + "); nothing was changed");
        }
    }

    /** A terminal refusal unless the app registration is listed in this vault's scope. */
    public void requireApplication(String objectId, String appId) {
        if (!permitsApplication(objectId, appId)) {
            throw RotationException.terminal(Step.PLAN, "refused: app registration " + objectId + " (appId " + appId
                    + ") is outside the resource scope of vault " + vault + " (setting " + SETTING
                    + "); nothing was changed");
        }
    }

    private static String normalised(String resourceId) {
        String id = resourceId.trim().toLowerCase(Locale.ROOT);
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return id.startsWith("/") ? id : "/" + id;
    }
}
