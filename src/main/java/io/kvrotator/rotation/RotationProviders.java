package io.kvrotator.rotation;

import io.kvrotator.provider.ProviderRegistry;
import io.kvrotator.provider.ResourceScopes;
import java.time.Duration;

/** The credential providers, and the resources each vault's secrets may rotate through them. */
public record RotationProviders(ProviderRegistry registry, ResourceScopes scopes) {

    Planner planner(Duration nearExpiryWindow) {
        return new Planner(registry, scopes, nearExpiryWindow);
    }
}
