package io.kvrotator.provider.search;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=SearchAdminKey}: the admin API keys of an Azure AI Search service
 * ({@code Microsoft.Search/searchServices}), alternating {@code primary}/{@code secondary}. Keys are listed and
 * regenerated through ARM ({@code listAdminKeys}, {@code regenerateAdminKey/{keyKind}}); a new key is verified on
 * the service's <b>data plane</b>: Get Service Statistics ({@code GET /servicestats}) with the key in the
 * {@code api-key} header, which only an admin key may call (a query key is refused). There is no connection
 * string: consumers read the key and the endpoint separately.
 * <p>
 * No built-in role is as narrow as list and regenerate (Search Service Contributor also creates, changes and
 * deletes services), so the role is kv-rotator's own.
 */
public final class SearchAdminKeyFactory implements ProviderFactory {

    public static final ProviderSetting ENDPOINT_TEMPLATE = new ProviderSetting("ROTATOR_SEARCH_ENDPOINT_TEMPLATE",
            "https://{service}.search.windows.net",
            "Search service endpoint with {service} in it, where a regenerated admin key is verified.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_SEARCH_ADMIN_KEY_VALIDITY_DAYS",
            "60", "Lifetime of a new Azure AI Search admin key version when the secret has no ValidityPeriodDays"
                    + " tag; at least 1.5 times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return SearchAdminKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(ENDPOINT_TEMPLATE, VALIDITY_DAYS);
    }

    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(SearchAdminKeys.RESOURCE_TYPE, "kv-rotator Search Admin Key Operator",
                List.of("Microsoft.Search/searchServices/listAdminKeys/action",
                        "Microsoft.Search/searchServices/regenerateAdminKey/action"),
                "list and regenerate the `primary`/`secondary` admin keys"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String endpointTemplate = values.url(ENDPOINT_TEMPLATE, "{service}");
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new SearchAdminKeys(context.arm(),
                new SearchAdminKeyVerifier(endpointTemplate, context.httpClient())), context.verifyRetry(), validity));
    }
}
