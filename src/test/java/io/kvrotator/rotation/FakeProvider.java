package io.kvrotator.rotation;

import io.kvrotator.provider.CredentialProvider;
import io.kvrotator.provider.DualKeys;
import io.kvrotator.provider.IssuedCredential;
import io.kvrotator.provider.ProviderCredential;
import io.kvrotator.provider.ResourceScope;
import io.kvrotator.provider.RotationPlan;
import io.kvrotator.vault.SecretValue;
import io.kvrotator.vault.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A dual-key provider over an in-memory resource with credentials "a" and "b"; each step can be made to fail. */
final class FakeProvider implements CredentialProvider<FakeProvider.Plan> {

    static final String RESOURCE = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/"
            + "Fake.Things/things/thing1";
    private static final DualKeys KEYS = new DualKeys("a", "b");

    record Plan(SecretVersion current, String currentCredentialId, String nextCredentialId) implements RotationPlan {
        @Override
        public String description() {
            return "issue " + nextCredentialId;
        }
    }

    final List<String> calls = new ArrayList<>();
    final Map<String, SecretValue> credentials = new HashMap<>();
    RuntimeException failIssue;
    RuntimeException failVerify;
    RuntimeException failRetire;
    RuntimeException failInvalidate;
    Instant expiresOn;
    private int issued;

    FakeProvider() {
        credentials.put("a", SecretValue.of("fake-credential-a0"));
        credentials.put("b", SecretValue.of("fake-credential-b0"));
    }

    SecretValue value(String credential) {
        return credentials.get(credential);
    }

    @Override
    public String credentialType() {
        return "Fake";
    }

    @Override
    public Duration defaultValidity() {
        return Duration.ofDays(45);
    }

    @Override
    public Plan plan(SecretVersion current, SecretValue currentValue, ResourceScope scope) {
        calls.add("plan");
        scope.requireResource(RESOURCE);
        String inUse = KEYS.holding(credentials, currentValue, "fake resource");
        return new Plan(current, inUse, KEYS.other(inUse));
    }

    @Override
    public IssuedCredential issue(Plan plan, Instant requestedExpiry) {
        calls.add("issue");
        if (failIssue != null) {
            throw failIssue;
        }
        SecretValue value = SecretValue.of("fake-credential-" + plan.nextCredentialId() + (++issued));
        credentials.put(plan.nextCredentialId(), value);
        return new IssuedCredential(plan.nextCredentialId(), value, expiresOn);
    }

    @Override
    public void verify(Plan plan, IssuedCredential issued) {
        calls.add("verify");
        if (failVerify != null) {
            throw failVerify;
        }
    }

    @Override
    public void discard(Plan plan, IssuedCredential issued) {
        calls.add("discard");
    }

    @Override
    public void retire(Plan plan, IssuedCredential issued, Instant now) {
        calls.add("retire");
        if (failRetire != null) {
            throw failRetire;
        }
    }

    @Override
    public void invalidateAllBut(Plan plan, String keepCredentialId) {
        calls.add("invalidateAllBut " + keepCredentialId);
        if (failInvalidate != null) {
            throw failInvalidate;
        }
        for (String key : keepCredentialId == null ? List.of(plan.nextCredentialId(), plan.currentCredentialId())
                : List.of(KEYS.other(keepCredentialId))) {
            credentials.put(key, SecretValue.of("fake-credential-" + key + (++issued)));
        }
    }

    @Override
    public List<ProviderCredential> credentials(Plan plan) {
        return List.of(new ProviderCredential("a", "credential a of the fake resource"),
                new ProviderCredential("b", "credential b of the fake resource"));
    }

    @Override
    public boolean stillAccepts(Plan plan, SecretValue value) {
        calls.add("stillAccepts");
        return credentials.containsValue(value);
    }
}
