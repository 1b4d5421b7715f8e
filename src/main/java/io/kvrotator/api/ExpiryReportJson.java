package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.sweep.ExpiryItem;
import io.kvrotator.sweep.ExpiryReport;

/** The body of {@code GET /api/expiries}: what expires within the window, what could not be read, policy gaps. */
final class ExpiryReportJson {

    private ExpiryReportJson() {
    }

    static ObjectNode of(ExpiryReport report, int withinDays) {
        ObjectNode json = ApiJson.object().put("asOf", ApiJson.time(report.asOf())).put("withinDays", withinDays)
                .put("complete", report.complete());
        ArrayNode unreadable = json.putArray("unreadable");
        report.unreadable().forEach(source -> unreadable.addObject().put("scope", source.scope())
                .put("error", source.error()));
        ArrayNode items = json.putArray("items");
        report.expiringWithin(withinDays).forEach(item -> item(items.addObject(), item)
                .put("expiresOn", ApiJson.time(item.expiresOn()))
                .put("daysLeft", ExpiryText.daysLeft(item.expiresOn(), report.asOf())));
        ArrayNode gaps = json.putArray("policyGaps");
        report.policyGaps().forEach(gap -> item(gaps.addObject(), gap.item()).put("gap", gap.reason()));
        return json;
    }

    private static ObjectNode item(ObjectNode node, ExpiryItem item) {
        node.put("kind", item.kind().label()).put("location", item.location()).put("name", item.name())
                .put("credentialType", item.credentialType()).put("rotatedAutomatically", item.credentialType() != null);
        ArrayNode owners = node.putArray("owners");
        item.owners().forEach(owners::add);
        return node;
    }
}
