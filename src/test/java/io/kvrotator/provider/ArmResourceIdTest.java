package io.kvrotator.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArmResourceIdTest {

    private static final String SUB = "8c4f1b2e-0000-4000-8000-00000000c0de";

    @Test
    @DisplayName("a child resource gives its subscription, group and the names along its type")
    void childResource() {
        ArmResourceId id = ArmResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg-orders/providers/"
                + "microsoft.servicebus/Namespaces/sb-orders/authorizationRules/Send", "Microsoft.ServiceBus/"
                + "namespaces/authorizationRules").orElseThrow();

        assertThat(id.subscriptionId()).isEqualTo(SUB);
        assertThat(id.resourceGroup()).isEqualTo("rg-orders");
        assertThat(id.names()).containsExactly("sb-orders", "Send");
        assertThat(id.name()).isEqualTo("Send");
    }

    @Test
    @DisplayName("another type, a missing segment, a traversal or an extra segment is not an address of the type")
    void refusesOtherShapes() {
        String prefix = "/subscriptions/" + SUB + "/resourceGroups/rg/providers/";
        assertThat(ArmResourceId.parse(prefix + "Microsoft.Cache/redis/cache1", "Microsoft.Cache/redis")).isPresent();
        assertThat(ArmResourceId.parse(prefix + "Microsoft.Cache/redisEnterprise/c1", "Microsoft.Cache/redis")).isEmpty();
        assertThat(ArmResourceId.parse(prefix + "Microsoft.Cache/redis", "Microsoft.Cache/redis")).isEmpty();
        assertThat(ArmResourceId.parse(prefix + "Microsoft.Cache/redis/../x", "Microsoft.Cache/redis")).isEmpty();
        assertThat(ArmResourceId.parse(prefix + "Microsoft.Cache/redis/c1/extra", "Microsoft.Cache/redis")).isEmpty();
        assertThat(ArmResourceId.parse("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Cache/redis/c1",
                "Microsoft.Cache/redis")).isEmpty();
        assertThat(ArmResourceId.parse(null, "Microsoft.Cache/redis")).isEmpty();
    }
}
