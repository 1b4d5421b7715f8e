package io.kvrotator.sandbox;

import io.kvrotator.provider.eventhubs.EventHubsKeyFactory;
import java.util.Map;

/** Event Hubs rule keys; the live credential is a namespace's rule with the Manage right. */
final class EventHubsKeyFixture extends SasKeyFixture {

    EventHubsKeyFixture() {
        super(EventHubsKeyFactory.TYPE, "Microsoft.EventHub", sandbox -> sandbox.eventHubs, "eventhubs",
                "eventHubsRules", "eventHubsKeyOf");
    }

    @Override
    String liveRulePath() {
        return "/authorizationRules/telemetry-manage";
    }

    @Override
    String namespacePrefix() {
        return "evh-";
    }

    @Override
    public Map<String, String> settings(Sandbox sandbox) {
        return Map.of(EventHubsKeyFactory.ENDPOINT_TEMPLATE.key(), sandbox.eventHubs.endpointTemplate());
    }
}
