package io.kvrotator.sandbox;

import io.kvrotator.provider.servicebus.ServiceBusKeyFactory;
import java.util.Map;

/** Service Bus rule keys; the live credential is a queue's rule with the Manage right (data-plane verification). */
final class ServiceBusKeyFixture extends SasKeyFixture {

    ServiceBusKeyFixture() {
        super(ServiceBusKeyFactory.TYPE, "Microsoft.ServiceBus", sandbox -> sandbox.serviceBus, "servicebus",
                "serviceBusRules", "serviceBusKeyOf");
    }

    @Override
    String liveRulePath() {
        return "/queues/orders/authorizationRules/orders-manage";
    }

    @Override
    String namespacePrefix() {
        return "sb-";
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(ServiceBusKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.serviceBus.endpointTemplate());
    }
}
