package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.accessreview.Preflight;

/** The permission preflight in status and dry-run answers: {@code "permissions": {"status", "message", ...}}. */
final class PreflightJson {

    private PreflightJson() {
    }

    static ObjectNode of(Preflight preflight) {
        ObjectNode json = ApiJson.object();
        if (preflight instanceof Preflight.Granted granted) {
            json.put("status", "granted").put("resource", granted.resourceId());
            granted.actions().forEach(json.putArray("actions")::add);
        } else if (preflight instanceof Preflight.Missing missing) {
            json.put("status", "missing").put("resource", missing.resourceId());
            missing.missing().forEach(json.putArray("missing")::add);
        } else if (preflight instanceof Preflight.CouldNotCheck) {
            json.put("status", "could-not-check");
        } else {
            json.put("status", "not-applicable");
        }
        return json.put("message", preflight.message());
    }
}
