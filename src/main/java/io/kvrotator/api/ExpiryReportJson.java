package io.kvrotator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kvrotator.notify.ExpiryText;
import io.kvrotator.sweep.ExpiryItem;
import io.kvrotator.sweep.ExpiryReport;
import io.kvrotator.sweep.ManagedIdentityOption;
import io.kvrotator.sweep.PolicyGap;
import java.io.IOException;
import java.util.Optional;

/**
 * The body of {@code GET /api/expiries}: what expires within the window, what could not be read, policy gaps, and
 * every secret that could be replaced by a managed identity (each item says so too). Written straight to text: a
 * large estate's report is thousands of entries, which a tree of nodes would first build and then walk.
 */
final class ExpiryReportJson {

    private ExpiryReportJson() {
    }

    static String of(ExpiryReport report, int withinDays) {
        return ApiJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("asOf", ApiJson.time(report.asOf()));
            json.writeNumberField("withinDays", withinDays);
            json.writeBooleanField("complete", report.complete());
            json.writeArrayFieldStart("unreadable");
            for (ExpiryReport.UnreadableSource source : report.unreadable()) {
                json.writeStartObject();
                json.writeStringField("scope", source.scope());
                json.writeStringField("error", source.error());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("items");
            for (ExpiryItem item : report.expiringWithin(withinDays)) {
                item(json, item, ManagedIdentityOption.of(item));
                json.writeStringField("expiresOn", ApiJson.time(item.expiresOn()));
                json.writeNumberField("daysLeft", ExpiryText.daysLeft(item.expiresOn(), report.asOf()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("policyGaps");
            for (PolicyGap gap : report.policyGaps()) {
                item(json, gap.item(), ManagedIdentityOption.of(gap.item()));
                json.writeStringField("gap", gap.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("managedIdentityCandidates");
            for (ExpiryItem item : report.items()) {
                Optional<ManagedIdentityOption> option = ManagedIdentityOption.of(item);
                if (option.isPresent()) {
                    item(json, item, option);
                    json.writeStringField("expiresOn", ApiJson.time(item.expiresOn()));
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Starts the item's object and writes what every entry says of it; the caller adds its fields and ends it. */
    private static void item(JsonGenerator json, ExpiryItem item, Optional<ManagedIdentityOption> option)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", item.kind().label());
        json.writeStringField("location", item.location());
        json.writeStringField("name", item.name());
        json.writeStringField("credentialType", item.credentialType());
        json.writeBooleanField("rotatedAutomatically", item.credentialType() != null);
        json.writeArrayFieldStart("owners");
        for (String owner : item.owners()) {
            json.writeString(owner);
        }
        json.writeEndArray();
        if (option.isPresent()) {
            json.writeObjectFieldStart("managedIdentity");
            json.writeStringField("service", option.get().service());
            json.writeStringField("guide", option.get().guide());
            json.writeEndObject();
        }
    }
}
