package io.kvrotator.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.StandIn.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key vaults as ARM resources ({@code GET} of {@code .../providers/Microsoft.KeyVault/vaults/{name}}, API version
 * 2023-07-01, in the shape of the official getVault example): whether they authorise with Azure RBAC or access
 * policies, their tags, their access policies. Every vault lives in the sandbox subscription, resource group
 * {@link #RESOURCE_GROUP}.
 */
public final class ArmVaults {

    public static final String RESOURCE_GROUP = "rg-vaults";

    private final Map<String, Vault> vaults = new ConcurrentHashMap<>();

    public static String idOf(String vault) {
        return "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.KeyVault/vaults/" + vault;
    }

    /** A vault in RBAC mode (unless {@code rbacAuthorization} is false), with these tags; returns its resource ID. */
    public String put(String vault, boolean rbacAuthorization, Map<String, String> tags) {
        vaults.put(vault.toLowerCase(Locale.ROOT), new Vault(vault, rbacAuthorization, Map.copyOf(tags),
                new java.util.concurrent.CopyOnWriteArrayList<>()));
        return idOf(vault);
    }

    /** The vault as {@link #put} would make it (RBAC mode, no tags), unless it exists already; returns its ID. */
    public String ensure(String vault) {
        vaults.computeIfAbsent(vault.toLowerCase(Locale.ROOT), key -> new Vault(vault, true, Map.of(),
                new java.util.concurrent.CopyOnWriteArrayList<>()));
        return idOf(vault);
    }

    /** An access policy granting {@code objectId} these secret permissions (e.g. {@code get}, {@code list}). */
    public void accessPolicy(String vault, String objectId, List<String> secretPermissions) {
        vaults.get(vault.toLowerCase(Locale.ROOT)).policies().add(new Policy(objectId, List.copyOf(secretPermissions)));
    }

    Optional<Response> answer(String path) {
        String prefix = ("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP
                + "/providers/Microsoft.KeyVault/vaults/").toLowerCase(Locale.ROOT);
        String lower = path.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(prefix) || lower.substring(prefix.length()).contains("/")) {
            return Optional.empty();
        }
        Vault vault = vaults.get(lower.substring(prefix.length()));
        if (vault == null) {
            return Optional.of(Response.json(404, StandIn.error("ResourceNotFound", "The Resource"
                    + " 'Microsoft.KeyVault/vaults/" + path.substring(prefix.length()) + "' under resource group '"
                    + RESOURCE_GROUP + "' was not found.")));
        }
        return Optional.of(Response.json(200, vault.body()));
    }

    private record Policy(String objectId, List<String> secrets) {
    }

    private record Vault(String name, boolean rbac, Map<String, String> tags, List<Policy> policies) {

        ObjectNode body() {
            ObjectNode body = StandIn.JSON.createObjectNode().put("id", idOf(name)).put("name", name)
                    .put("type", "Microsoft.KeyVault/vaults").put("location", "westeurope");
            ObjectNode tagNode = body.putObject("tags");
            tags.forEach(tagNode::put);
            body.putObject("systemData").put("createdBy", "infra@contoso.com").put("createdByType", "User")
                    .put("createdAt", "2026-01-05T09:00:00.0000000Z").put("lastModifiedBy", "infra@contoso.com")
                    .put("lastModifiedByType", "User").put("lastModifiedAt", "2026-01-05T09:00:00.0000000Z");
            ObjectNode properties = body.putObject("properties");
            properties.putObject("sku").put("family", "A").put("name", "standard");
            properties.put("tenantId", Sandbox.TENANT_ID);
            ArrayNode accessPolicies = properties.putArray("accessPolicies");
            for (Policy policy : policies) {
                ObjectNode permissions = accessPolicies.addObject().put("tenantId", Sandbox.TENANT_ID)
                        .put("objectId", policy.objectId()).putObject("permissions");
                permissions.putArray("keys");
                policy.secrets().forEach(permissions.putArray("secrets")::add);
                permissions.putArray("certificates");
            }
            return body.set("properties", properties.put("enabledForDeployment", false)
                    .put("enabledForDiskEncryption", false).put("enabledForTemplateDeployment", false)
                    .put("hsmPoolResourceId", "").put("enableRbacAuthorization", rbac)
                    .put("vaultUri", "https://" + name + ".vault.azure.net/").put("provisioningState", "Succeeded")
                    .put("publicNetworkAccess", "Enabled"));
        }
    }
}
