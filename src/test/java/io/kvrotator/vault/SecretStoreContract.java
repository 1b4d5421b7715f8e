package io.kvrotator.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import io.kvrotator.sandbox.KeyVaultStandIn;
import io.kvrotator.sandbox.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} does, as Key Vault does it: the Key Vault store over the real SDK and the in-memory
 * fake the core's unit tests use both pass it.
 */
abstract class SecretStoreContract {

    protected static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    protected static final String VAULT = "kv-contract";
    protected static final String OTHER_VAULT = "kv-contract-other";

    private static final SecretRef SECRET = new SecretRef(VAULT, "API-KEY");
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(90));
    private static final String NO_SUCH_VERSION = "ffffffffffffffffffffffffffffffff";

    /** The time of the store and of whatever backs it. */
    protected final MutableClock clock = new MutableClock(NOW);

    /** The store under test, over {@link #clock}, with {@link #VAULT} and {@link #OTHER_VAULT} there and empty. */
    protected abstract SecretStore store();

    /** Every version of a secret, oldest first, as what backs the store holds it: disabled ones with their tags. */
    protected abstract List<SecretVersion> storedVersions(SecretRef ref);

    @Test
    @DisplayName("a version written is read back with its value, tags, expiry, not-before, content type, enabled and"
            + " the time it was written")
    void writeThenRead() {
        Map<String, String> tags = Map.of("CredentialType", "StorageAccountKey", "Owner", "team@contoso.com");
        Instant notBefore = NOW.minus(Duration.ofHours(1));

        SecretVersion written = store().put(SECRET,
                new NewSecretVersion(SecretValue.of("value-1"), tags, notBefore, EXPIRY, "text/plain"));

        assertThat(written.version()).matches("[0-9a-f]{32}");
        assertThat(written).isEqualTo(new SecretVersion(SECRET, written.version(), true, NOW, notBefore, EXPIRY,
                "text/plain", tags));
        StoredSecret stored = new StoredSecret(written, SecretValue.of("value-1"));
        assertThat(store().latest(SECRET)).contains(written);
        assertThat(store().read(SECRET, null)).contains(stored);
        assertThat(store().read(SECRET, written.version())).contains(stored);
    }

    @Test
    @DisplayName("times are kept to the second, as Key Vault keeps them")
    void wholeSeconds() {
        clock.set(NOW.plusMillis(700));

        SecretVersion written = put(SECRET, "value-1", Map.of(), EXPIRY.plusMillis(500));

        assertThat(written.createdOn()).isEqualTo(NOW);
        assertThat(written.expiresOn()).isEqualTo(EXPIRY);
        assertThat(store().latest(SECRET)).contains(written);
    }

    @Test
    @DisplayName("the latest version is the one written last, even within the same second")
    void latestOfSeveral() {
        put(SECRET, "value-1", Map.of(), EXPIRY);
        put(SECRET, "value-2", Map.of(), EXPIRY);
        SecretVersion third = put(SECRET, "value-3", Map.of("Owner", "team@contoso.com"), EXPIRY.plusSeconds(1));

        assertThat(store().latest(SECRET)).contains(third);
        assertThat(store().read(SECRET, null)).contains(new StoredSecret(third, SecretValue.of("value-3")));
    }

    @Test
    @DisplayName("a named version is read with its own value and attributes after a newer one was written")
    void namedOlderVersion() {
        SecretVersion first = put(SECRET, "value-1", Map.of("Owner", "first@contoso.com"), EXPIRY);
        clock.advance(Duration.ofMinutes(5));
        SecretVersion second = put(SECRET, "value-2", Map.of("Owner", "second@contoso.com"), EXPIRY.plusSeconds(60));

        assertThat(store().read(SECRET, first.version())).contains(new StoredSecret(first, SecretValue.of("value-1")));
        assertThat(store().latest(SECRET)).contains(second);
    }

    @Test
    @DisplayName("vault and secret names are case-insensitive: API-KEY in kv-contract is api-key in KV-CONTRACT")
    void namesIgnoreCase() {
        SecretVersion written = put(SECRET, "value-1", Map.of(), EXPIRY);
        SecretRef otherCase = new SecretRef(VAULT.toUpperCase(), "api-key");

        assertThat(store().latest(otherCase)).map(SecretVersion::version).contains(written.version());
        assertThat(store().read(otherCase, null)).map(StoredSecret::value).contains(SecretValue.of("value-1"));
    }

    @Test
    @DisplayName("a secret that does not exist has no latest version and reads as empty; so does a version that a"
            + " secret never had")
    void missingSecretOrVersion() {
        SecretRef other = new SecretRef(VAULT, "OTHER-KEY");
        put(other, "value-1", Map.of(), EXPIRY);

        assertThat(store().latest(SECRET)).isEmpty();
        assertThat(store().read(SECRET, null)).isEmpty();
        assertThat(store().read(SECRET, NO_SUCH_VERSION)).isEmpty();
        assertThat(store().read(other, NO_SUCH_VERSION)).isEmpty();
    }

    @Test
    @DisplayName("a version with more tags than Key Vault allows is refused with a 400, and nothing is written")
    void tooManyTags() {
        SecretVersion first = put(SECRET, "value-1", Map.of(), EXPIRY);

        assertRefused(() -> put(SECRET, "value-2", numberedTags(Tags.MAX_TAGS + 1), EXPIRY), 400);
        assertThat(store().latest(SECRET)).contains(first);
    }

    @Test
    @DisplayName("disabling all but one version disables the others, adds the tags to them, names them, and leaves the"
            + " kept one as it was")
    void disableAllExcept() {
        SecretVersion first = put(SECRET, "value-1", Map.of("Owner", "team@contoso.com"), EXPIRY);
        SecretVersion second = put(SECRET, "value-2", Map.of("Owner", "team@contoso.com"), EXPIRY);
        SecretVersion kept = put(SECRET, "value-3", Map.of("Owner", "team@contoso.com"), EXPIRY);

        List<String> disabled = store().disableAllExcept(SECRET, kept.version(), revocationTags("alice@contoso.com"));

        assertThat(disabled).containsExactlyInAnyOrder(first.version(), second.version());
        List<SecretVersion> versions = storedVersions(SECRET);
        assertThat(versions).extracting(SecretVersion::enabled).containsExactly(false, false, true);
        assertThat(versions.subList(0, 2)).allSatisfy(version -> assertThat(version.tags())
                .isEqualTo(Map.of("Owner", "team@contoso.com", Tags.REVOKED_AT, NOW.toString(),
                        Tags.REVOKED_BY, "alice@contoso.com")));
        assertThat(versions.get(2)).isEqualTo(kept);
        assertThat(store().read(SECRET, first.version())).isEmpty();
        assertThat(store().read(SECRET, second.version())).isEmpty();
        assertThat(store().read(SECRET, null)).contains(new StoredSecret(kept, SecretValue.of("value-3")));
        assertThat(store().latest(SECRET)).contains(kept);
    }

    @Test
    @DisplayName("a version disabled already is neither named nor tagged again")
    void disableAllExceptTwice() {
        SecretVersion first = put(SECRET, "value-1", Map.of(), EXPIRY);
        SecretVersion kept = put(SECRET, "value-2", Map.of(), EXPIRY);
        store().disableAllExcept(SECRET, kept.version(), revocationTags("alice@contoso.com"));

        assertThat(store().disableAllExcept(SECRET, kept.version(), revocationTags("bob@contoso.com"))).isEmpty();

        assertThat(storedVersions(SECRET).get(0).version()).isEqualTo(first.version());
        assertThat(storedVersions(SECRET).get(0).tags()).containsEntry(Tags.REVOKED_BY, "alice@contoso.com");
    }

    @Test
    @DisplayName("a disabled version gets the added tags only as far as Key Vault's 15-tag limit leaves room, in order")
    void disableAllExceptTagRoom() {
        put(SECRET, "value-1", numberedTags(Tags.MAX_TAGS - 1), EXPIRY);
        SecretVersion kept = put(SECRET, "value-2", Map.of(), EXPIRY);

        store().disableAllExcept(SECRET, kept.version(), revocationTags("alice@contoso.com"));

        assertThat(storedVersions(SECRET).get(0).tags()).hasSize(Tags.MAX_TAGS)
                .containsEntry(Tags.REVOKED_AT, NOW.toString()).doesNotContainKey(Tags.REVOKED_BY);
    }

    @Test
    @DisplayName("disabling with no version to keep disables and tags every enabled version; the latest is shown"
            + " disabled")
    void disableEveryVersion() {
        SecretVersion first = put(SECRET, "value-1", Map.of(), EXPIRY);
        clock.advance(Duration.ofMinutes(5));
        SecretVersion second = put(SECRET, "value-2", Map.of("Owner", "team@contoso.com"), EXPIRY);

        List<String> disabled = store().disableAllExcept(SECRET, null, Map.of(Tags.RETIRED_BY, "alice@contoso.com"));

        assertThat(disabled).containsExactlyInAnyOrder(first.version(), second.version());
        assertThat(storedVersions(SECRET)).allSatisfy(version -> {
            assertThat(version.enabled()).isFalse();
            assertThat(version.tags()).containsEntry(Tags.RETIRED_BY, "alice@contoso.com");
        });
        assertThat(store().latest(SECRET)).get().extracting(SecretVersion::version, SecretVersion::enabled)
                .containsExactly(second.version(), false);
        assertRefused(() -> store().read(SECRET, null), 403);
    }

    @Test
    @DisplayName("disabling the versions of a secret that does not exist throws Key Vault's not-found")
    void disableAllExceptMissing() {
        assertThatThrownBy(() -> store().disableAllExcept(SECRET, NO_SUCH_VERSION, Map.of()))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    @DisplayName("a disabled latest version's value is refused with Key Vault's 403, its attributes and tags are shown;"
            + " an older enabled one is still read by name")
    void disabledLatest() {
        SecretVersion first = put(SECRET, "value-1", Map.of(), EXPIRY);
        SecretVersion second = put(SECRET, "value-2", Map.of("Owner", "team@contoso.com"), EXPIRY);

        assertThat(store().disableAllExcept(SECRET, first.version(), Map.of())).containsExactly(second.version());

        assertThat(store().latest(SECRET)).contains(storedVersions(SECRET).get(1));
        assertThat(store().latest(SECRET)).get().extracting(SecretVersion::version, SecretVersion::enabled)
                .containsExactly(second.version(), false);
        assertRefused(() -> store().read(SECRET, null), 403);
        assertThat(store().read(SECRET, second.version())).isEmpty();
        assertThat(store().read(SECRET, first.version())).contains(new StoredSecret(first, SecretValue.of("value-1")));
    }

    @Test
    @DisplayName("listing a vault gives each of its secrets once, as its latest version without a version ID,"
            + " disabled ones too")
    void listsLatestOfEach() {
        put(SECRET, "value-1", Map.of("Owner", "old@contoso.com"), EXPIRY);
        clock.advance(Duration.ofMinutes(5));
        SecretVersion latest = store().put(SECRET, new NewSecretVersion(SecretValue.of("value-2"),
                Map.of("Owner", "team@contoso.com"), NOW, EXPIRY.plusSeconds(60), "text/plain"));
        SecretRef disabledRef = new SecretRef(VAULT, "OLD-KEY");
        put(disabledRef, "value-1", Map.of(), EXPIRY);
        store().disableAllExcept(disabledRef, NO_SUCH_VERSION, Map.of());
        put(new SecretRef(OTHER_VAULT, "ELSEWHERE"), "value-1", Map.of(), EXPIRY);

        List<SecretVersion> listed = store().list(VAULT);

        assertThat(listed).extracting(version -> version.ref().name())
                .containsExactlyInAnyOrder("API-KEY", "OLD-KEY");
        assertThat(listed).filteredOn(version -> version.ref().equals(SECRET)).singleElement()
                .isEqualTo(new SecretVersion(SECRET, null, true, latest.createdOn(), NOW, EXPIRY.plusSeconds(60),
                        "text/plain", Map.of("Owner", "team@contoso.com")));
        assertThat(listed).filteredOn(version -> version.ref().equals(disabledRef)).singleElement()
                .satisfies(version -> assertThat(version.enabled()).isFalse());
    }

    @Test
    @DisplayName("a vault without secrets lists as empty")
    void listsEmptyVault() {
        put(new SecretRef(OTHER_VAULT, "ELSEWHERE"), "value-1", Map.of(), EXPIRY);

        assertThat(store().list(VAULT)).isEmpty();
    }

    @Test
    @DisplayName("a vault with more secrets than one page of Key Vault's list holds is listed whole")
    void listsEveryPage() {
        int count = KeyVaultStandIn.MAX_RESULTS * 2 + 1;
        for (int i = 0; i < count; i++) {
            put(new SecretRef(VAULT, "SECRET-" + i), "value-" + i, Map.of(), EXPIRY);
        }

        assertThat(store().list(VAULT)).extracting(version -> version.ref().name()).hasSize(count)
                .doesNotHaveDuplicates();
    }

    private SecretVersion put(SecretRef ref, String value, Map<String, String> tags, Instant expiresOn) {
        return store().put(ref, new NewSecretVersion(SecretValue.of(value), tags, null, expiresOn, null));
    }

    private static Map<String, String> numberedTags(int count) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            tags.put("Tag" + i, "value");
        }
        return tags;
    }

    private static Map<String, String> revocationTags(String by) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(Tags.REVOKED_AT, NOW.toString());
        tags.put(Tags.REVOKED_BY, by);
        return tags;
    }

    private static void assertRefused(ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpResponseException.class,
                error -> assertThat(error.getResponse().getStatusCode()).isEqualTo(status));
    }
}
