package io.kvrotator.provider.appregistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kvrotator.app.AppContext;
import io.kvrotator.functions.KeyVaultEventFunctions;
import io.kvrotator.functions.RedeliveryRequested;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.GraphStandIn.PasswordState;
import io.kvrotator.sandbox.IssuedSecrets;
import io.kvrotator.sandbox.KeyVaultStandIn.VersionView;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxTest;
import io.kvrotator.sandbox.StandIn;
import io.kvrotator.testing.KeyVaultEvents;
import io.kvrotator.testing.LogCapture;
import io.kvrotator.vault.SecretRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * App registration secret rotation end to end: Event Grid function -> real Key Vault, Graph and azure-identity
 * clients over HTTPS -> sandbox stand-ins.
 */
@SandboxTest
class AppRegistrationSecretRotationTest {

    private static final Instant NOW = SandboxTest.START;
    private static final String VAULT = "kv-dev-payments";
    private static final String SECRET = "PAYMENTS-API-CLIENT-SECRET";
    private static final String APP_ID = "631a96bc-a705-4eda-9f99-fdaf9f54f6a2";

    private final KeyVaultEventFunctions functions = new KeyVaultEventFunctions();
    private Sandbox sandbox;
    private MutableClock clock;
    private LogCapture logs;
    private AppContext context;
    private String objectId;
    private PasswordState portalPassword;
    private PasswordState ciPassword;
    private String firstVersion;
    private Instant firstExpiry;

    @BeforeEach
    void seedAnAppSecretExpiringIn20Days(Sandbox sandbox, MutableClock clock, LogCapture logs) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.logs = logs;
        objectId = sandbox.graph.createApplication("payments-api", APP_ID);
        context = sandbox.appContext(sandbox.appSettings(VAULT));
        AppContext.install(context);
        firstExpiry = NOW.plus(Duration.ofDays(20));
        portalPassword = sandbox.graph.addPassword(objectId, "made in the portal", NOW.minus(Duration.ofDays(527)),
                firstExpiry);
        ciPassword = sandbox.graph.addPassword(objectId, "used by the CI pipeline", NOW.minus(Duration.ofDays(100)),
                NOW.plus(Duration.ofDays(600)));
        firstVersion = sandbox.keyVault.seedSecret(VAULT, SECRET, portalPassword.value(), Map.of(
                "CredentialType", "AppRegistrationSecret",
                "ProviderAddress", objectId,
                "CredentialId", portalPassword.keyId(),
                "Owner", "payments-team@contoso.com"), NOW.minus(Duration.ofDays(527)), firstExpiry);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    @DisplayName("a near-expiry event adds one password ending 18 months later and stores it as a version expiring with it")
    void rotatesOnNearExpiry() {
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        List<PasswordState> added = addedPasswords();
        assertThat(added).singleElement().satisfies(password -> {
            assertThat(password.endDateTime()).isCloseTo(clock.instant().atOffset(ZoneOffset.UTC).plusMonths(18)
                    .toInstant(), within(1, ChronoUnit.DAYS));
            assertThat(password.displayName()).startsWith("kv-rotator:" + VAULT + "/" + SECRET + " ");
        });
        PasswordState password = added.get(0);
        List<VersionView> versions = sandbox.keyVault.versions(VAULT, SECRET);
        assertThat(versions).hasSize(2);
        VersionView rotated = versions.get(1);
        assertThat(rotated.fingerprint()).isEqualTo(password.fingerprint());
        assertThat(rotated.expiresOn()).isEqualTo(password.endDateTime());
        assertThat(rotated.tags()).containsEntry("CredentialId", password.keyId())
                .containsEntry("CredentialType", "AppRegistrationSecret")
                .containsEntry("ProviderAddress", objectId)
                .containsEntry("PreviousVersion", firstVersion)
                .containsEntry("RotationReason", "SecretNearExpiry");
        assertThat(passwordKeyIds()).as("the previous password keeps working through the overlap")
                .contains(portalPassword.keyId(), ciPassword.keyId());
        assertThat(sandbox.entra.accepts(APP_ID, portalPassword.value())).isTrue();
        assertThat(logs.linesContaining("notice kind=ROTATED severity=INFO")).hasSize(1);
    }

    @Test
    @DisplayName("after the overlap, the daily sweep and the next rotation remove superseded kv-rotator passwords, never the one in use")
    void retiresAfterTheOverlap() {
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);
        VersionView second = sandbox.keyVault.versions(VAULT, SECRET).get(1);
        String firstOwn = second.tags().get("CredentialId");
        clock.set(second.expiresOn().minus(Duration.ofDays(20)));

        functions.secretNearExpiry(nearExpiry(second.version(), second.expiresOn()), null);

        VersionView third = sandbox.keyVault.versions(VAULT, SECRET).get(2);
        String secondOwn = third.tags().get("CredentialId");
        assertThat(passwordKeyIds()).as("the previous version's password is kept through the overlap")
                .contains(firstOwn, secondOwn);
        java.util.Map<String, String> withAlertState = new java.util.HashMap<>(sandbox.appSettings(VAULT));
        withAlertState.putAll(sandbox.hostStorageSettings());
        AppContext sweeping = sandbox.appContext(withAlertState);

        clock.advance(Duration.ofDays(6));
        sweeping.expirySweep().run();
        assertThat(passwordKeyIds()).as("six days into the overlap").contains(firstOwn);
        clock.advance(Duration.ofDays(1));
        sweeping.expirySweep().run();

        assertThat(passwordKeyIds()).containsExactlyInAnyOrder(portalPassword.keyId(), ciPassword.keyId(), secondOwn);
        clock.set(third.expiresOn().minus(Duration.ofDays(20)));
        functions.secretNearExpiry(nearExpiry(third.version(), third.expiresOn()), null);
        String thirdOwn = sandbox.keyVault.versions(VAULT, SECRET).get(3).tags().get("CredentialId");
        assertThat(passwordKeyIds()).as("the third rotation keeps the second password (its overlap just began)")
                .containsExactlyInAnyOrder(portalPassword.keyId(), ciPassword.keyId(), secondOwn, thirdOwn);
    }

    @Test
    @DisplayName("a later rotation removes a kv-rotator password superseded before the previous version")
    void laterRotationRetires() {
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);
        VersionView second = sandbox.keyVault.versions(VAULT, SECRET).get(1);
        clock.set(second.expiresOn().minus(Duration.ofDays(20)));
        functions.secretNearExpiry(nearExpiry(second.version(), second.expiresOn()), null);
        VersionView third = sandbox.keyVault.versions(VAULT, SECRET).get(2);
        clock.set(third.expiresOn().minus(Duration.ofDays(20)));

        functions.secretNearExpiry(nearExpiry(third.version(), third.expiresOn()), null);

        String fourthOwn = sandbox.keyVault.versions(VAULT, SECRET).get(3).tags().get("CredentialId");
        assertThat(passwordKeyIds()).containsExactlyInAnyOrder(portalPassword.keyId(), ciPassword.keyId(),
                third.tags().get("CredentialId"), fourthOwn);
        assertThat(logs.linesContaining("appsecret.retired")).singleElement().asString()
                .contains("keyId=" + second.tags().get("CredentialId"));
    }

    @Test
    @DisplayName("Entra refusing the new password past the bound: no Key Vault write, a redelivery request, the password removed")
    void verificationOutlastsTheBound() {
        sandbox.entra.refuseNewPasswords(true);

        assertThatThrownBy(() -> functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null))
                .isInstanceOf(RedeliveryRequested.class).hasMessageContaining("still failing after 3 attempts");

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(1);
        assertThat(sandbox.entra.tokenRequests()).as("the proof of possession, then one real token request per attempt")
                .extracting(call -> call.status()).containsExactly(200, 401, 401, 401);
        assertThat(passwordKeyIds()).containsExactlyInAnyOrder(portalPassword.keyId(), ciPassword.keyId());
        assertThat(logs.linesContaining("rotation.failed_retryable")).singleElement().asString()
                .contains("step=verify", "still failing after 3 attempts");
        assertThat(logs.linesContaining("appsecret.discarded")).hasSize(1);

        sandbox.entra.refuseNewPasswords(false);
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(addedPasswords()).hasSize(1);
    }

    @Test
    @DisplayName("an addPassword answered 504 is not sent again under the SDK: no version, a redelivery request,"
            + " then one password")
    void ambiguousAddIsNotResent() {
        sandbox.graph.faults(Faults.failing(request -> request.path().endsWith("/addPassword"), 1,
                StandIn.Response.empty(504).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null))
                .isInstanceOf(RedeliveryRequested.class);

        assertThat(sandbox.graph.calls()).filteredOn(call -> call.path().endsWith("/addPassword"))
                .extracting(StandIn.Call::status).containsExactly(504);
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(1);

        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(addedPasswords()).hasSize(1);
    }

    @Test
    @DisplayName("a new password Entra accepts only on the third try is verified within the bound and stored")
    void eventualConsistencyWithinTheBound() {
        sandbox.entra.propagationAttempts(2);

        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(addedPasswords()).hasSize(1);
        assertThat(sandbox.entra.tokenRequests()).as("the proof of possession, then the new password's attempts")
                .extracting(call -> call.status()).containsExactly(200, 401, 401, 200);
    }

    @Test
    @DisplayName("the same event delivered 5 times adds one password, and passwords kv-rotator did not make survive")
    void duplicatesRotateOnce() {
        String event = nearExpiry(firstVersion, firstExpiry);

        for (int delivery = 0; delivery < 5; delivery++) {
            functions.secretNearExpiry(event, null);
        }

        assertThat(addedPasswords()).hasSize(1);
        assertThat(sandbox.graph.passwordActions()).filteredOn(action -> action.action().equals("addPassword")).hasSize(1);
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
        assertThat(passwordKeyIds()).contains(portalPassword.keyId(), ciPassword.keyId());
        assertThat(logs.linesContaining("rotation.skipped")).hasSize(4);
    }

    @Test
    @DisplayName("an event for a version that is no longer the latest adds no password")
    void staleEventAddsNothing() {
        sandbox.keyVault.seedSecret(VAULT, SECRET, ciPassword.value(), Map.of("CredentialType", "AppRegistrationSecret",
                "ProviderAddress", objectId, "CredentialId", ciPassword.keyId()), clock.instant(),
                ciPassword.endDateTime());

        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(sandbox.graph.passwordActions()).isEmpty();
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2);
    }

    @Test
    @DisplayName("SecretExpired rotates at once, the new password signs in where the expired one no longer does, and the notice is an error")
    void expiredSecretRotatesWithAnErrorNotice() {
        clock.set(firstExpiry.plus(Duration.ofHours(2)));
        assertThat(sandbox.entra.accepts(APP_ID, portalPassword.value())).isFalse();

        functions.secretExpired(KeyVaultEvents.expired(VAULT, SECRET, firstVersion, firstExpiry, firstExpiry), null);

        PasswordState added = addedPasswords().get(0);
        assertThat(sandbox.entra.accepts(APP_ID, added.value())).isTrue();
        assertThat(sandbox.keyVault.versions(VAULT, SECRET)).hasSize(2).last()
                .satisfies(v -> assertThat(v.tags()).containsEntry("RotationReason", "SecretExpired"));
        assertThat(logs.linesContaining("notice kind=ROTATED severity=ERROR")).singleElement().asString()
                .contains("had already expired, and its credential with it", "owners=[payments-team@contoso.com]");
    }

    @Test
    @DisplayName("the ValidityPeriodDays tag, and otherwise the months setting, decide when the new password ends")
    void validity() {
        String tagged = sandbox.keyVault.seedSecret(VAULT, "PAYMENTS-PARTNER-SECRET", ciPassword.value(), Map.of(
                "CredentialType", "AppRegistrationSecret", "ProviderAddress", objectId,
                "CredentialId", ciPassword.keyId(), "ValidityPeriodDays", "90"), NOW.minus(Duration.ofDays(40)),
                NOW.plus(Duration.ofDays(10)));
        functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "PAYMENTS-PARTNER-SECRET", tagged,
                NOW.plus(Duration.ofDays(10)), clock.instant()), null);
        Map<String, String> twelveMonths = sandbox.appSettings(VAULT);
        twelveMonths.put(AppRegistrationSecretFactory.VALIDITY_MONTHS.key(), "12");
        sandbox.install(twelveMonths);

        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(sandbox.keyVault.versions(VAULT, "PAYMENTS-PARTNER-SECRET").get(1).expiresOn())
                .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(sandbox.keyVault.versions(VAULT, SECRET).get(1).expiresOn())
                .isEqualTo(clock.instant().atOffset(ZoneOffset.UTC).plusMonths(12).toInstant());
    }

    @Test
    @DisplayName("a worker without email notices that has only rotated storage keys has not built a Graph client")
    void graphClientIsBuiltOnFirstUse() {
        java.util.Map<String, String> withoutEmail = new java.util.HashMap<>(sandbox.appSettings(VAULT));
        withoutEmail.remove("ROTATOR_MAIL_SENDER");
        withoutEmail.remove("ROTATOR_MAIL_DEFAULT_RECIPIENTS");
        context = sandbox.appContext(withoutEmail);
        AppContext.install(context);
        String account = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID + "/resourceGroups/rg-payments/providers/"
                + "Microsoft.Storage/storageAccounts/stpaymentsdev";
        String key1 = sandbox.arm.createAccount(account);
        String version = sandbox.keyVault.seedSecret(VAULT, "PAYMENTS-STORAGE-KEY", key1, Map.of(
                "CredentialType", "StorageAccountKey", "CredentialId", "key1", "ProviderAddress", account),
                NOW.minus(Duration.ofDays(40)), NOW.plus(Duration.ofDays(20)));

        functions.secretNearExpiry(KeyVaultEvents.nearExpiry(VAULT, "PAYMENTS-STORAGE-KEY", version,
                NOW.plus(Duration.ofDays(20)), clock.instant()), null);

        assertThat(sandbox.keyVault.versions(VAULT, "PAYMENTS-STORAGE-KEY")).hasSize(2);
        assertThat(context.graph().isBuilt()).isFalse();
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);
        assertThat(context.graph().isBuilt()).isTrue();
    }

    @Test
    @DisplayName("no secret value the sandbox issued appears in the log of rotations, failures and retirements")
    void logsLeakNoSecret() {
        sandbox.entra.refuseNewPasswords(true);
        assertThatThrownBy(() -> functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null))
                .isInstanceOf(RedeliveryRequested.class);
        sandbox.entra.refuseNewPasswords(false);
        functions.secretNearExpiry(nearExpiry(firstVersion, firstExpiry), null);

        assertThat(logs.linesContaining("rotation.rotated")).hasSize(1);
        assertThat(IssuedSecrets.foundIn(logs.all())).as("secret values in the log").isEmpty();
    }

    private String nearExpiry(String version, Instant expiresOn) {
        return KeyVaultEvents.event("Microsoft.KeyVault.SecretNearExpiry", UUID.randomUUID().toString(), VAULT, SECRET,
                version, expiresOn, expiresOn.minus(Duration.ofDays(30)));
    }

    private List<PasswordState> addedPasswords() {
        return sandbox.graph.passwords(objectId).stream()
                .filter(p -> !p.keyId().equals(portalPassword.keyId()) && !p.keyId().equals(ciPassword.keyId()))
                .toList();
    }

    private List<String> passwordKeyIds() {
        return sandbox.graph.passwords(objectId).stream().map(PasswordState::keyId).toList();
    }
}
