package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.sweep.ExpiryItem;
import io.kvrotator.sweep.ExpiryReport;
import io.kvrotator.sweep.ManagedIdentityOption;

/**
 * The body of {@code GET /api/expiries}: what expires within the window, what could not be read, policy gaps, and
 * every secret that could be replaced by a managed identity (each item says so too).
 */
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
        ArrayNode candidates = json.putArray("managedIdentityCandidates");
        report.items().forEach(item -> ManagedIdentityOption.of(item).ifPresent(option ->
                item(candidates.addObject(), item).put("expiresOn", ApiJson.time(item.expiresOn()))));
        return json;
    }

    private static ObjectNode item(ObjectNode node, ExpiryItem item) {
        node.put("kind", item.kind().label()).put("location", item.location()).put("name", item.name())
                .put("credentialType", item.credentialType()).put("rotatedAutomatically", item.credentialType() != null);
        ArrayNode owners = node.putArray("owners");
        item.owners().forEach(owners::add);
        ManagedIdentityOption.of(item).ifPresent(option -> node.putObject("managedIdentity")
                .put("service", option.service()).put("guide", option.guide()));
        return node;
    }
}
