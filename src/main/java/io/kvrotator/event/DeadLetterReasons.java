package io.kvrotator.event;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kvrotator.support.LogText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Why Event Grid gave up on a delivery, as it wrote on each dead-lettered event ({@code deadLetterReason},
 * {@code deliveryAttempts}, {@code lastDeliveryOutcome}; any casing, as for the events themselves), e.g.
 * {@code MaxDeliveryAttemptsExceeded after 30 delivery attempts, last outcome TimedOut}.
 */
final class DeadLetterReasons {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(KeyVaultEventParser.MAX_BODY_BYTES).build());
    }

    private DeadLetterReasons() {
    }

    /** The distinct reasons of the dead letter's events, joined by "; "; null when it names none. */
    static String of(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
        Set<String> reasons = new LinkedHashSet<>();
        for (JsonNode event : root != null && root.isArray() ? root : List.of(root == null ? JSON.nullNode() : root)) {
            if (event.isObject()) {
                describe(new EventFields(event), reasons);
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private static void describe(EventFields event, Set<String> reasons) {
        try {
            event.text("deadLetterReason").ifPresent(reason -> reasons.add(LogText.printable(reason)
                    + event.node("deliveryAttempts").filter(JsonNode::canConvertToInt)
                    .map(attempts -> " after " + attempts.asInt() + " delivery attempts").orElse("")
                    + event.text("lastDeliveryOutcome").map(outcome -> ", last outcome " + LogText.printable(outcome))
                    .orElse("")));
        } catch (RuntimeException e) {
            // a field of the wrong type or given twice: this event names no reason we can show
        }
    }
}
