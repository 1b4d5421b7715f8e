package io.kvrotator.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.sandbox.Faults;
import io.kvrotator.sandbox.MutableClock;
import io.kvrotator.sandbox.Sandbox;
import io.kvrotator.sandbox.StandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A vault's certificates listed through the real azure-core pipeline against the Key Vault stand-in. */
class KeyVaultCertificatesTest {

    private static final String VAULT = "kv-certificates";
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private Sandbox sandbox;
    private KeyVaultCertificates certificates;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(clock);
        sandbox.keyVault.createVault(VAULT);
        certificates = new KeyVaultCertificates(sandbox.secretClients());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    @DisplayName("a vault with more certificates than a page holds is listed whole, each with its expiry and tags")
    void everyPage() {
        for (int i = 0; i < 30; i++) {
            sandbox.keyVault.seedCertificate(VAULT, "tls-%02d".formatted(i), NOW.minus(Duration.ofDays(10)),
                    NOW.plus(Duration.ofDays(i + 1)), Map.of("Owner", "team-" + i + "@contoso.com"));
        }

        assertThat(certificates.list(VAULT)).hasSize(30).allSatisfy(certificate -> {
            int i = Integer.parseInt(certificate.name().substring(4));
            assertThat(certificate.vault()).isEqualTo(VAULT);
            assertThat(certificate.enabled()).isTrue();
            assertThat(certificate.notBefore()).isEqualTo(NOW.minus(Duration.ofDays(10)));
            assertThat(certificate.expiresOn()).isEqualTo(NOW.plus(Duration.ofDays(i + 1)));
            assertThat(certificate.tags()).isEqualTo(Map.of("Owner", "team-" + i + "@contoso.com"));
        });
        assertThat(sandbox.keyVault.calls()).filteredOn(call -> call.path().endsWith("/certificates"))
                .extracting(StandIn.Call::status).containsExactly(200, 200);
    }

    @Test
    @DisplayName("a page that names a next page on another host is an error: nothing is sent there")
    void nextPageElsewhere() {
        ObjectNode page = new ObjectMapper().createObjectNode();
        page.putArray("value").addObject().put("id", sandbox.keyVault.vaultUrlTemplate().replace("{vault}", VAULT)
                + "/certificates/tls-01");
        page.put("nextLink", "https://attacker.example/" + VAULT + "/certificates?$skiptoken=abc");
        sandbox.keyVault.faults(Faults.failing(request -> request.path().endsWith("/certificates"), 1,
                StandIn.Response.json(200, page)));

        assertThatThrownBy(() -> certificates.list(VAULT)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the certificates list of vault " + VAULT
                        + " named a next page that is not another page of this vault");
    }

    @Test
    @DisplayName("pages that name each other as the next are an error once one would be read again: the sweep"
            + " reports the vault instead of listing it forever")
    void pagesInACycle() {
        String vaultUrl = sandbox.keyVault.vaultUrlTemplate().replace("{vault}", VAULT);
        ObjectNode page = new ObjectMapper().createObjectNode();
        page.putArray("value").addObject().put("id", vaultUrl + "/certificates/tls-01");
        page.put("nextLink", vaultUrl + "/certificates?api-version=7.5&$skiptoken=again&maxresults=25");
        sandbox.keyVault.faults(Faults.failing(request -> request.path().endsWith("/certificates"), Integer.MAX_VALUE,
                StandIn.Response.json(200, page)));

        assertThatThrownBy(() -> certificates.list(VAULT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("named a next page that is not another page of this vault");
        assertThat(sandbox.keyVault.calls()).filteredOn(call -> call.path().endsWith("/certificates")).hasSize(2);
    }
}
