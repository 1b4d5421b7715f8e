package io.kvrotator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvrotator.app.ProviderFactories;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The permission preflight's matching, over an in-memory permission listing and the providers' real roles. */
class PermissionPreflightTest {

    private static final String STORAGE = FakeRbac.SUBSCRIPTION
            + "/resourceGroups/rg-payments/providers/Microsoft.Storage/storageAccounts/stpayments";
    private static final String NAMESPACE = FakeRbac.SUBSCRIPTION
            + "/resourceGroups/rg-orders/providers/Microsoft.ServiceBus/namespaces/sb-orders";
    private static final String LIST_KEYS = "Microsoft.Storage/storageAccounts/listkeys/action";
    private static final String REGENERATE = "Microsoft.Storage/storageAccounts/regeneratekey/action";

    private FakeRbac rbac;
    private PermissionPreflight preflight;

    @BeforeEach
    void start() {
        rbac = new FakeRbac();
        preflight = new PermissionPreflight(rbac, ProviderFactories.rotationRoles());
    }

    @Test
    @DisplayName("a storage account whose listing lacks regenerateKey: missing ...regeneratekey/action on stpayments")
    void missingRegenerate() {
        rbac.permissions.put(STORAGE.toLowerCase(), List.of(Grant.ofActions(List.of(LIST_KEYS))));

        Preflight result = preflight.check("StorageAccountKey", STORAGE);

        assertThat(result).isInstanceOf(Preflight.Missing.class);
        assertThat(result.message()).isEqualTo("missing " + REGENERATE + " on stpayments");
    }

    @Test
    @DisplayName("the built-in key operator's two actions, or a wildcard covering them, are enough")
    void granted() {
        rbac.permissions.put(STORAGE.toLowerCase(), List.of(Grant.ofActions(List.of(LIST_KEYS)),
                Grant.ofActions(List.of("Microsoft.Storage/storageAccounts/regenerateKey/action"))));
        assertThat(preflight.check("StorageAccountKey", STORAGE)).isInstanceOf(Preflight.Granted.class);

        rbac.permissions.put(STORAGE.toLowerCase(), List.of(Grant.ofActions(List.of("Microsoft.Storage/*"))));
        assertThat(preflight.check("storageaccountkey", STORAGE)).isInstanceOfSatisfying(Preflight.Granted.class,
                granted -> assertThat(granted.actions()).containsExactly(LIST_KEYS, REGENERATE));
    }

    @Test
    @DisplayName("a notAction takes an action away even from *")
    void notActions() {
        rbac.permissions.put(STORAGE.toLowerCase(), List.of(new Grant(List.of("*"),
                List.of("Microsoft.Storage/storageAccounts/regenerateKey/*"), List.of(), List.of())));

        assertThat(preflight.check("StorageAccountKey", STORAGE).message())
                .isEqualTo("missing " + REGENERATE + " on stpayments");
    }

    @Test
    @DisplayName("a refused listing (403) is 'could not check', never a pass")
    void refused() {
        rbac.refused.add("permissions");

        Preflight result = preflight.check("StorageAccountKey", STORAGE);

        assertThat(result).isInstanceOf(Preflight.CouldNotCheck.class);
        assertThat(result.message()).startsWith("could not check the function's permissions on stpayments: ")
                .contains("403");
    }

    @Test
    @DisplayName("a Service Bus rule is checked on its namespace, for the custom role's actions only (not the preflight's)")
    void serviceBusRuleOnItsNamespace() {
        rbac.permissions.put(NAMESPACE.toLowerCase(), List.of(Grant.ofActions(List.of(
                "Microsoft.ServiceBus/namespaces/authorizationRules/*", RotationRolePreflight.ACTION))));

        Preflight result = preflight.check("ServiceBusKey", NAMESPACE + "/queues/orders/authorizationRules/send");

        assertThat(result).isInstanceOfSatisfying(Preflight.Missing.class, missing -> {
            assertThat(missing.resourceName()).isEqualTo("sb-orders");
            assertThat(missing.missing()).containsExactly(
                    "Microsoft.ServiceBus/namespaces/queues/authorizationRules/listkeys/action",
                    "Microsoft.ServiceBus/namespaces/queues/authorizationRules/regenerateKeys/action",
                    "Microsoft.ServiceBus/namespaces/topics/authorizationRules/listkeys/action",
                    "Microsoft.ServiceBus/namespaces/topics/authorizationRules/regenerateKeys/action");
        });
    }

    @Test
    @DisplayName("app registrations, PostgreSQL logins and untagged secrets need no Azure role: not applicable")
    void notApplicable() {
        assertThat(preflight.check("AppRegistrationSecret", "app:1234")).isInstanceOf(Preflight.NotApplicable.class);
        assertThat(preflight.check("PostgreSqlAlternatingUsers", "x")).isInstanceOf(Preflight.NotApplicable.class);
        assertThat(preflight.check(null, null)).isInstanceOf(Preflight.NotApplicable.class);
    }

    @Test
    @DisplayName("a ProviderAddress that is no resource of the role's type cannot be checked, and says so")
    void badAddress() {
        assertThat(preflight.check("StorageAccountKey", NAMESPACE).message())
                .startsWith("could not check the function's permissions on " + NAMESPACE);
    }

    /** The action every custom rotation role adds for the preflight, which the preflight itself does not ask for. */
    private static final class RotationRolePreflight {
        static final String ACTION = io.kvrotator.provider.RotationRole.PREFLIGHT_ACTION;
    }
}
