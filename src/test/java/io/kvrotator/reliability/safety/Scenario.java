package io.kvrotator.reliability.safety;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvrotator.app.AppContext;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.ProviderFixture;
import io.kvrotator.sandbox.ProviderFixtures;
import io.kvrotator.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One sequence's world: a fresh vault with a storage key secret, an app secret and a {@link KeyedCredential} of
 * another registered type, the team's resources they belong to, another team's account, application and keyed
 * resource (in the vault's scope, so only the proof of possession protects them) and resources outside the scope;
 * two workers (function instances) over the same stand-ins and lock; and what the model remembers to check the
 * invariants.
 */
final class Scenario {

    enum Secret { STORAGE, APP, KEYED }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RG = "rg-team";
    static final String OTHER_RG = "rg-elsewhere";

    final int number;
    final String vault;
    final String teamAccount;
    final String victimAccount;
    final String outsideAccount;
    final String teamApp;
    final String teamAppId;
    final String victimApp;
    final String victimAppId;
    final KeyedCredential keyed;
    final AppContext[] workers = new AppContext[2];
    final Deque<String> pending = new ArrayDeque<>();
    final Map<Secret, String> lastEvent = new HashMap<>();
    final Map<Secret, Set<String>> revokedFingerprints = new HashMap<>();
    /** Values that existed when a revocation was tried: they may stop working even if it did not answer success. */
    final Map<Secret, Set<String>> upForRevocation = new HashMap<>();
    final Map<Secret, Map<String, String>> honestTags = new HashMap<>();

    Scenario(int number, KeyedCredential.Choice keyedChoice, Sandbox sandbox, MutableClock clock, SteppedLock lock) {
        this.number = number;
        this.vault = "kv-mbt-" + number;
        String unique = Integer.toString(number, 36);
        teamAccount = account(Sandbox.SUBSCRIPTION_ID, RG, "stteam" + unique);
        victimAccount = account(Sandbox.SUBSCRIPTION_ID, RG, "stvictim" + unique);
        outsideAccount = account(Sandbox.SUBSCRIPTION_ID, OTHER_RG, "stoutside" + unique);
        teamAppId = UUID.randomUUID().toString();
        victimAppId = UUID.randomUUID().toString();
        teamApp = sandbox.graph.createApplication("team-api-" + unique, teamAppId);
        victimApp = sandbox.graph.createApplication("victim-api-" + unique, victimAppId);
        sandbox.keyVault.createVault(vault);
        Instant now = clock.instant();
        String key1 = sandbox.arm.createAccount(teamAccount);
        sandbox.arm.createAccount(victimAccount);
        sandbox.arm.createAccount(outsideAccount);
        PasswordState portal = sandbox.graph.addPassword(teamApp, "made in the portal", now.minus(Duration.ofDays(500)),
                now.plus(Duration.ofDays(20)));
        sandbox.graph.addPassword(victimApp, "the victim's own", now.minus(Duration.ofDays(100)),
                now.plus(Duration.ofDays(400)));
        honestTags.put(Secret.STORAGE, Map.of("CredentialType", "StorageAccountKey", "CredentialId", "key1",
                "ProviderAddress", teamAccount, "Owner", "team@contoso.com"));
        honestTags.put(Secret.APP, Map.of("CredentialType", "AppRegistrationSecret", "CredentialId", portal.keyId(),
                "ProviderAddress", teamApp, "Owner", "team@contoso.com"));
        sandbox.keyVault.seedSecret(vault, name(Secret.STORAGE), key1, honestTags.get(Secret.STORAGE),
                now.minus(Duration.ofDays(40)), now.plus(Duration.ofDays(20)));
        sandbox.keyVault.seedSecret(vault, name(Secret.APP), portal.value(), honestTags.get(Secret.APP),
                now.minus(Duration.ofDays(500)), now.plus(Duration.ofDays(20)));
        keyed = new KeyedCredential(keyedChoice, sandbox, unique);
        honestTags.put(Secret.KEYED, keyed.honestTags());
        sandbox.keyVault.seedSecret(vault, name(Secret.KEYED), keyed.firstValue(), honestTags.get(Secret.KEYED),
                now.minus(Duration.ofDays(40)), now.plus(Duration.ofDays(20)));
        Map<String, String> settings = sandbox.appSettings(vault);
        List<String> scopes = new ArrayList<>(List.of("/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/"
                + RG, "app:" + teamApp, "app:" + victimApp));
        scopes.addAll(keyed.scopeEntries(vault));
        settings.put(Setting.RESOURCE_SCOPES.key(), JSON.createObjectNode().set(vault, JSON.valueToTree(scopes))
                .toString());
        settings.put(Setting.SWEEP_APPLICATIONS.key(), teamApp);
        settings.put(Setting.HTTP_TIMEOUT_SECONDS.key(), "1");
        settings.put(Setting.VERIFY_ATTEMPTS.key(), "3");
        settings.put(Setting.NOTIFY_ATTEMPTS.key(), "1");
        settings.put(Setting.PLATFORM_AUTHENTICATION.key(), "True");
        for (int worker = 0; worker < workers.length; worker++) {
            workers[worker] = new AppContext(io.kvrotator.app.Settings.from(settings), sandbox.credential, clock, lock);
        }
        for (Secret secret : Secret.values()) {
            revokedFingerprints.put(secret, new HashSet<>());
            upForRevocation.put(secret, new HashSet<>());
        }
    }

    static String name(Secret secret) {
        return switch (secret) {
            case STORAGE -> "TEAM-STORAGE-KEY";
            case APP -> "TEAM-API-CLIENT-SECRET";
            case KEYED -> "TEAM-KEYED-CREDENTIAL";
        };
    }

    /** The test side of the secret's credential type. */
    ProviderFixture fixture(Secret secret) {
        String type = honestTags.get(secret).get("CredentialType");
        return ProviderFixtures.ALL.stream().filter(fixture -> fixture.credentialType().equals(type)).findFirst()
                .orElseThrow();
    }

    /** The secret a name from an outcome, a notice or an event stands for. */
    static Secret named(String name) {
        for (Secret secret : Secret.values()) {
            if (name(secret).equalsIgnoreCase(name)) {
                return secret;
            }
        }
        throw new IllegalArgumentException("not a secret of the model: " + name);
    }

    String accountName(String resourceId) {
        return resourceId.substring(resourceId.lastIndexOf('/') + 1);
    }

    private static String account(String subscription, String group, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Storage/storageAccounts/" + name;
    }
}
