package io.kvrotator.localhost;

import static io.kvrotator.localhost.ApprovalCalls.ALICE;
import static io.kvrotator.localhost.ApprovalCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvrotator.app.Setting;
import io.kvrotator.sandbox.AzureRoles;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.SandboxSeed;
import io.kvrotator.sandbox.SandboxTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The access review through the local host, over a seeded set of role assignments: {@code GET /api/access-review},
 * its refusals, and its part of the daily digest in Teams and by email.
 */
@SandboxTest
class AccessReviewApiTest {

    static final String VAULT = "kv-dev-rotator";
    static final String LEGACY = "kv-dev-legacy";
    private static final String SUBSCRIPTION = "/subscriptions/" + Sandbox.SUBSCRIPTION_ID;
    private static final String STANDING_USER = "a1a1a1a1-0000-4000-8000-000000000001";
    private static final String ELIGIBLE_USER = "b2b2b2b2-0000-4000-8000-000000000002";
    private static final String ACTIVATED_USER = "c3c3c3c3-0000-4000-8000-000000000003";
    private static final String SUBSCRIPTION_OWNER = "d4d4d4d4-0000-4000-8000-000000000004";
    private static final String GUEST = "e5e5e5e5-0000-4000-8000-000000000005";
    private static final String CUSTOM_ROLE_USER = "f6f6f6f6-0000-4000-8000-000000000006";
    private static final String STRANGER_APP = "a7a7a7a7-0000-4000-8000-000000000007";
    private static final String PIPELINE = "b8b8b8b8-0000-4000-8000-000000000008";

    private Sandbox sandbox;
    private ApprovalCalls api;

    @BeforeEach
    void start(Sandbox sandbox, MutableClock clock) throws IOException {
        this.sandbox = sandbox;
        SandboxSeed.apply(SandboxSeed.defaultSeed(), sandbox, clock);
        seedAccess(sandbox, clock);
        Map<String, String> settings = new HashMap<>(sandbox.accessReviewSettings(VAULT, LEGACY));
        settings.put(Setting.ALLOWED_VAULTS.key(), VAULT + "," + LEGACY);
        settings.put(Setting.ACCESS_REVIEW_EXPECTED_PRINCIPALS.key(), PIPELINE);
        api = ApprovalCalls.start(sandbox, VAULT, settings);
    }

    /**
     * kv-dev-rotator in RBAC mode, owned by the security team; kv-dev-legacy still in access-policy mode. Who holds
     * what is in each test's name.
     */
    static void seedAccess(Sandbox sandbox, MutableClock clock) {
        sandbox.keyVault.createVault(LEGACY);
        String vault = sandbox.authorization.vaults().put(VAULT, true, Map.of("Owner", "security-team@contoso.com"));
        sandbox.authorization.vaults().put(LEGACY, false, Map.of("Owner", "legacy-team@contoso.com"));
        sandbox.authorization.vaults().accessPolicy(LEGACY, STANDING_USER, List.of("Get", "List"));
        String resourceGroup = vault.substring(0, vault.indexOf("/providers/"));
        sandbox.graph.users().put(STANDING_USER, "Sam Standing", "sam@contoso.com", "Member");
        sandbox.graph.users().put(ELIGIBLE_USER, "Eli Eligible", "eli@contoso.com", "Member");
        sandbox.graph.users().put(ACTIVATED_USER, "Ada Activated", "ada@contoso.com", "Member");
        sandbox.graph.users().put(SUBSCRIPTION_OWNER, "Olga Owner", "olga@contoso.com", "Member");
        sandbox.graph.users().put(GUEST, "Gus Guest", "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com", "Guest");
        sandbox.graph.users().put(CUSTOM_ROLE_USER, "Cid Custom", "cid@contoso.com", "Member");
        sandbox.authorization.standing(STANDING_USER, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vault);
        sandbox.authorization.eligible(ELIGIBLE_USER, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vault);
        sandbox.authorization.activated(ACTIVATED_USER, "User", AzureRoles.KEY_VAULT_ADMINISTRATOR.guid(), vault,
                clock.instant().plus(Duration.ofHours(4)));
        sandbox.authorization.standing(SUBSCRIPTION_OWNER, "User", AzureRoles.OWNER.guid(), SUBSCRIPTION);
        sandbox.authorization.eligible(GUEST, "User", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), resourceGroup);
        sandbox.authorization.standing(CUSTOM_ROLE_USER, "User", sandbox.authorization.customRole(
                "Payments secret reader", List.of(), List.of("Microsoft.KeyVault/vaults/secrets/getSecret/action")),
                vault + "/secrets/PAYMENTS-STORAGE-KEY");
        sandbox.authorization.standing(STRANGER_APP, "ServicePrincipal", sandbox.authorization.customRole(
                "Everything on data", List.of(), List.of("*")), resourceGroup);
        sandbox.authorization.standing(PIPELINE, "ServicePrincipal", AzureRoles.KEY_VAULT_SECRETS_USER.guid(), vault);
        sandbox.authorization.standing(Sandbox.IDENTITY_OBJECT_ID, "ServicePrincipal", sandbox.authorization
                .customRole("kv-rotator Secret Rotator (dev)", List.of(), List.of(
                        "Microsoft.KeyVault/vaults/secrets/getSecret/action",
                        "Microsoft.KeyVault/vaults/secrets/setSecret/action")), vault);
        sandbox.authorization.standing(ELIGIBLE_USER, "User", AzureRoles.READER.guid(), SUBSCRIPTION);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("flags the standing human Secrets User, the inherited Owner, the guest, the custom role reader and the"
            + " unexpected service principal, each with its policy clause; not the PIM-eligible or activated people,"
            + " the expected pipeline, the function itself, or a Reader")
    void findings() {
        JsonNode vault = vaultNamed(json(api.call("GET", "/api/access-review", null, ALICE)), VAULT);

        assertThat(vault.path("complete").asBoolean()).as(vault.path("couldNotCheck").toString()).isTrue();
        assertThat(vault.path("rbacAuthorization").asBoolean()).isTrue();
        assertThat(findings(vault)).containsExactlyInAnyOrder(
                "standing-secret-reader " + STANDING_USER + " eligible, not standing",
                "standing-privileged-access " + SUBSCRIPTION_OWNER + " eligible, not standing",
                "guest-access " + GUEST + " only developers and infrastructure engineers",
                "standing-secret-reader " + CUSTOM_ROLE_USER + " eligible, not standing",
                "unexpected-service-principal " + STRANGER_APP + " least privilege for every identity");
        assertThat(vault.path("findings")).allSatisfy(finding -> assertThat(finding.path("policy").path("line")
                .asText()).startsWith("Access to secrets is held tightly"));
        assertThat(vault.path("findings")).anySatisfy(finding -> {
            assertThat(finding.path("principalId").asText()).isEqualTo(SUBSCRIPTION_OWNER);
            assertThat(finding.path("detail").asText()).contains("Owner inherited from the subscription");
        });
        assertThat(readers(vault)).contains(ELIGIBLE_USER + " pim-eligible", ACTIVATED_USER + " pim-activated",
                PIPELINE + " standing", Sandbox.IDENTITY_OBJECT_ID + " standing")
                .noneMatch(reader -> reader.startsWith(ELIGIBLE_USER + " standing"));
    }

    @Test
    @DisplayName("?vault= reviews one vault: an access-policy vault is flagged, and the inherited Owner reaches it too")
    void oneVaultInAccessPolicyMode() {
        JsonNode report = json(api.call("GET", "/api/access-review?vault=" + LEGACY, null, ALICE));

        assertThat(report.path("vaults")).singleElement().satisfies(vault -> {
            assertThat(vault.path("rbacAuthorization").asBoolean()).isFalse();
            assertThat(findings(vault)).contains("access-policy-mode vault " + LEGACY + " eligible, not standing",
                    "standing-privileged-access " + SUBSCRIPTION_OWNER + " eligible, not standing");
            assertThat(findings(vault)).noneMatch(finding -> finding.startsWith("standing-secret-reader"));
        });
    }

    @Test
    @DisplayName("an unknown vault is 403, an invalid name or a body 400, each with a clear message and no call to ARM")
    void badInput() {
        int armCalls = sandbox.arm.calls().size();

        HttpResponse<String> unknown = api.call("GET", "/api/access-review?vault=kv-prod-payments", null, ALICE);
        HttpResponse<String> invalid = api.call("GET", "/api/access-review?vault=kv_bad!", null, ALICE);
        HttpResponse<String> body = api.call("GET", "/api/access-review", "{\"vault\":\"" + VAULT + "\"}", ALICE);

        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(json(unknown).path("detail").asText()).contains("vault 'kv-prod-payments' is not in the allow-list");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(json(invalid).path("title").asText()).isEqualTo("Invalid vault name");
        assertThat(body.statusCode()).isEqualTo(400);
        assertThat(sandbox.arm.calls()).hasSize(armCalls);
    }

    @Test
    @DisplayName("the daily digest tells each vault's owners its findings with the policy line, in Teams and by email")
    void digest() {
        api.call("POST", "/admin/functions/ExpirySweep", "{\"input\": \"\"}", Map.of());

        String card = sandbox.teams.posted().stream().map(post -> post.text())
                .filter(text -> text.contains("Daily expiry digest")).findFirst().orElseThrow();
        assertThat(card).contains("security-team@contoso.com", "legacy-team@contoso.com", "access findings",
                "sam@contoso.com", "can read secret values through standing access",
                "DESIGN.md section 10, \\\"Access to secrets is held tightly\\\"",
                "is in access-policy mode (enableRbacAuthorization false)");
        assertThat(sandbox.graph.sentMail()).filteredOn(mail -> mail.subject().contains("Daily expiry digest")
                && mail.to().contains("security-team@contoso.com")).singleElement().satisfies(mail -> {
                    assertThat(mail.body().toString()).contains("olga@contoso.com", "Owner inherited from the"
                            + " subscription", "eligible, not standing, access").doesNotContain(LEGACY);
                });
        assertThat(sandbox.graph.sentMail()).filteredOn(mail -> mail.subject().contains("Daily expiry digest")
                && mail.to().contains("legacy-team@contoso.com")).singleElement()
                .satisfies(mail -> assertThat(mail.body().toString()).contains("access-policy mode"));
    }

    static JsonNode vaultNamed(JsonNode report, String name) {
        for (JsonNode vault : report.path("vaults")) {
            if (vault.path("vault").asText().equals(name)) {
                return vault;
            }
        }
        throw new AssertionError("no vault " + name + " in " + report);
    }

    /** Each finding as {@code kind principal clause}, the clause cut to its first words. */
    private static List<String> findings(JsonNode vault) {
        List<String> findings = new ArrayList<>();
        vault.path("findings").forEach(finding -> {
            String clause = finding.path("policy").path("clause").asText();
            String who = finding.has("principalId") ? finding.path("principalId").asText() : finding.path("subject")
                    .asText();
            findings.add(finding.path("kind").asText() + " " + who + " " + (clause.startsWith("through")
                    ? "eligible, not standing" : clause.startsWith("least") ? "least privilege for every identity"
                    : clause));
        });
        return findings;
    }

    private static List<String> readers(JsonNode vault) {
        List<String> readers = new ArrayList<>();
        vault.path("readers").forEach(reader -> readers.add(reader.path("principalId").asText() + " "
                + reader.path("access").asText()));
        return readers;
    }
}
