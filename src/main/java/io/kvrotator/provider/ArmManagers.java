package io.kvrotator.provider;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.profile.AzureProfile;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code azure-resourcemanager-*} manager (or ARM pipeline) per subscription, built on first use and kept, with
 * the {@link ArmRetryPolicy} that sends a write made with {@link ArmRetryPolicy#sentOnce()} at most once.
 */
public final class ArmManagers<M> {

    /**
     * How a manager is built, e.g.
     * {@code RedisManager.configure().withHttpClient(...).withRetryPolicy(retry).authenticate(...)}: with
     * {@code retry} as its retry policy.
     */
    @FunctionalInterface
    public interface Builder<M> {
        M build(HttpClient httpClient, TokenCredential credential, AzureProfile profile, RetryPolicy retry);
    }

    private static final RetryPolicy RETRY = new ArmRetryPolicy();

    private final ArmAccess arm;
    private final Builder<M> builder;
    private final Map<String, M> bySubscription = new ConcurrentHashMap<>();

    ArmManagers(ArmAccess arm, Builder<M> builder) {
        this.arm = arm;
        this.builder = builder;
    }

    public M of(String subscriptionId) {
        return bySubscription.computeIfAbsent(subscriptionId,
                id -> builder.build(arm.httpClient(), arm.credential(), arm.profile(id), RETRY));
    }
}
