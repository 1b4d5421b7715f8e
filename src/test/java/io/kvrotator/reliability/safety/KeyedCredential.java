package io.kvrotator.reliability.safety;

import io.kvrotator.provider.ResourceScope;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixture.Live;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.vault.SecretValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The scenario's third secret, {@link Scenario.Secret#KEYED}: a credential of one of the other registered types
 * (every type but storage keys and app secrets, which the scenario always has), held as a key or as a connection
 * string, with another team's resource of the same type in the vault's scope and one outside it. The type and the
 * format follow from the sequence's seed, so a replay or a shrink meets the same ones.
 */
final class KeyedCredential {

    /** The types the model meets as the keyed secret; {@code -Dsafety.type} pins one. */
    static final List<ProviderFixture> TYPES = ProviderFixtures.ALL.stream()
            .filter(fixture -> !Set.of("StorageAccountKey", "AppRegistrationSecret").contains(fixture.credentialType()))
            .filter(fixture -> System.getProperty("safety.type") == null
                    || fixture.credentialType().equals(System.getProperty("safety.type")))
            .toList();

    /** Which type and value format a sequence's seed gives its keyed secret. */
    record Choice(ProviderFixture fixture, String valueFormat) {

        static Choice forSeed(long seed) {
            if (TYPES.isEmpty()) {
                throw new IllegalStateException("no registered type is named by -Dsafety.type="
                        + System.getProperty("safety.type"));
            }
            ProviderFixture fixture = TYPES.get((int) Math.floorMod(seed, (long) TYPES.size()));
            List<String> formats = fixture.valueFormats();
            return new Choice(fixture, formats.get((int) Math.floorMod(seed / TYPES.size(), (long) formats.size())));
        }

        @Override
        public String toString() {
            return fixture.credentialType() + " as " + valueFormat;
        }
    }

    final Choice choice;
    final Live team;
    final Live victim;
    final Live outside;
    /** Every value a version of the secret held, by fingerprint: what the invariants ask the service about. */
    private final Map<String, String> valuesByFingerprint = new ConcurrentHashMap<>();

    KeyedCredential(Choice choice, Sandbox sandbox, String unique) {
        this.choice = choice;
        this.team = choice.fixture().createLive(sandbox, "kteam" + unique);
        this.victim = choice.fixture().createLive(sandbox, "kvictim" + unique);
        this.outside = choice.fixture().createLive(sandbox, "koutside" + unique);
    }

    boolean asConnectionString() {
        return choice.valueFormat().equals("connectionString");
    }

    /** The value the secret's first version holds. */
    String firstValue() {
        String value = asConnectionString() ? team.connectionString().orElseThrow() : team.value();
        remember(value);
        return value;
    }

    Map<String, String> honestTags() {
        Map<String, String> tags = new HashMap<>(team.tags());
        tags.put("ValueFormat", choice.valueFormat());
        tags.put("Owner", "team@contoso.com");
        return Map.copyOf(tags);
    }

    /** The tags that say which resource and credential the secret is: what a liar changes and an honest retag keeps. */
    static Map<String, String> identity(Map<String, String> tags) {
        Map<String, String> identity = new HashMap<>(tags);
        identity.keySet().retainAll(Set.of("ProviderAddress", "CredentialId", "Logins"));
        return identity;
    }

    /** The other credential than the one {@code credentialId} names: a well-formed lie. */
    String flipped(String credentialId) {
        return team.credentialId().equals(credentialId) ? team.lyingCredentialId() : team.credentialId();
    }

    /** The resource scopes that let the vault rotate the team's credential and, were it fooled, the victim's. */
    List<String> scopeEntries(String vault) {
        List<String> entries = new ArrayList<>();
        for (ResourceScope scope : List.of(team.scope(vault), victim.scope(vault))) {
            entries.addAll(scope.armScopes());
            scope.applications().forEach(app -> entries.add("app:" + app));
        }
        return entries;
    }

    void remember(String value) {
        valuesByFingerprint.put(SecretValue.fingerprintOf(value), value);
    }

    /** Fingerprints of the values any version held that the team's resource accepts now, asked of the service. */
    Set<String> working() {
        return valuesByFingerprint.entrySet().stream().filter(entry -> accepts(entry.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    boolean accepts(String value) {
        try {
            return team.accepts(asConnectionString() ? team.keyOf(value) : value);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** What the invariant "nothing changes elsewhere" compares: changing calls at the victim's and outside resources. */
    Map<String, Integer> elsewhere() {
        return Map.of("victim", victim.remoteWrites(), "outside", outside.remoteWrites());
    }
}
