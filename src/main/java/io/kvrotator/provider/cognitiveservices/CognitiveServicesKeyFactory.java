package io.kvrotator.provider.cognitiveservices;

import io.kvrotator.provider.DualKeyProvider;
import io.kvrotator.provider.ProviderFactory;
import io.kvrotator.provider.ProviderSetting;
import io.kvrotator.provider.RotationRole;
import io.kvrotator.provider.SettingValues;
import java.time.Duration;
import java.util.List;

/**
 * {@code CredentialType=CognitiveServicesKey}: the two keys of an Azure AI services or Azure OpenAI account
 * ({@code Microsoft.CognitiveServices/accounts}), alternating {@code Key1}/{@code Key2}. Keys are listed and
 * regenerated through ARM; a new key is verified on the account's <b>data plane</b>: a GET the key must
 * authenticate (by default Azure OpenAI's Models - List, {@code GET /openai/models}, which answers for Azure OpenAI
 * and Azure AI services accounts), sent with the key in the {@code api-key} and {@code Ocp-Apim-Subscription-Key}
 * headers. There is no connection string: consumers read the key and the endpoint separately.
 * <p>
 * No built-in role is as narrow as list and regenerate (Cognitive Services Contributor also creates and deletes
 * accounts and deployments), so the role is kv-rotator's own.
 */
public final class CognitiveServicesKeyFactory implements ProviderFactory {

    public static final ProviderSetting VERIFY_URL_TEMPLATE = new ProviderSetting(
            "ROTATOR_COGNITIVE_VERIFY_URL_TEMPLATE",
            "https://{account}.openai.azure.com/openai/models?api-version=2024-10-21",
            "URL with {account} (the account's custom subdomain, its name as the portal creates it) that a"
                    + " regenerated Azure AI services key must authenticate a GET to; for a single-service account"
                    + " of another kind, a cheap GET of that service.");
    public static final ProviderSetting VALIDITY_DAYS = new ProviderSetting("ROTATOR_COGNITIVE_KEY_VALIDITY_DAYS",
            "60", "Lifetime of a new Azure AI services key version when the secret has no ValidityPeriodDays tag;"
                    + " at least 1.5 times ROTATOR_NEAR_EXPIRY_DAYS.");

    @Override
    public String credentialType() {
        return CognitiveServicesKeys.TYPE;
    }

    @Override
    public List<ProviderSetting> settings() {
        return List.of(VERIFY_URL_TEMPLATE, VALIDITY_DAYS);
    }

    @Override
    public List<RotationRole> rotationRoles() {
        return List.of(RotationRole.custom(CognitiveServicesKeys.RESOURCE_TYPE,
                "kv-rotator Cognitive Services Key Operator",
                List.of("Microsoft.CognitiveServices/accounts/listKeys/action",
                        "Microsoft.CognitiveServices/accounts/regenerateKey/action"),
                "list and regenerate `Key1`/`Key2`"));
    }

    @Override
    public ProviderSetting validitySetting() {
        return VALIDITY_DAYS;
    }

    @Override
    public Configured configure(SettingValues values) {
        String verifyUrlTemplate = values.url(VERIFY_URL_TEMPLATE, "{account}");
        Duration validity = Duration.ofDays(values.integer(VALIDITY_DAYS, 1, 3650));
        return configured(validity, context -> new DualKeyProvider<>(new CognitiveServicesKeys(context.arm(),
                new CognitiveKeyVerifier(verifyUrlTemplate, context.httpClient())), context.verifyRetry(), validity));
    }
}
