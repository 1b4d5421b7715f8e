package io.kvrotator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvrotator.accessreview.AccessFinding;
import io.kvrotator.accessreview.AccessReviewReport;
import io.kvrotator.accessreview.PolicyLine;
import io.kvrotator.accessreview.Reader;
import io.kvrotator.accessreview.VaultReview;

/** {@code GET /api/access-review} as JSON: per vault, who can read its secrets, the findings, what was not checked. */
final class AccessReviewJson {

    private AccessReviewJson() {
    }

    static ObjectNode of(AccessReviewReport report) {
        ObjectNode json = ApiJson.object().put("asOf", ApiJson.time(report.asOf())).put("complete", report.complete());
        ArrayNode vaults = json.putArray("vaults");
        for (VaultReview review : report.vaults()) {
            ObjectNode vault = vaults.addObject().put("vault", review.vault()).put("resourceId", review.resourceId())
                    .put("complete", review.complete());
            if (review.rbacAuthorization() == null) {
                vault.putNull("rbacAuthorization");
            } else {
                vault.put("rbacAuthorization", review.rbacAuthorization());
            }
            review.owners().forEach(vault.putArray("owners")::add);
            ArrayNode readers = vault.putArray("readers");
            review.readers().forEach(reader -> readers.add(reader(reader)));
            ArrayNode findings = vault.putArray("findings");
            review.findings().forEach(finding -> findings.add(finding(finding)));
            review.couldNotCheck().forEach(vault.putArray("couldNotCheck")::add);
        }
        return json;
    }

    private static ObjectNode reader(Reader reader) {
        ObjectNode json = ApiJson.object().put("principalId", reader.holder().principalId())
                .put("principalType", reader.holder().kind().label())
                .put("displayName", reader.holder().displayName())
                .put("userPrincipalName", reader.holder().userPrincipalName());
        if (reader.holder().guest() != null) {
            json.put("guest", reader.holder().guest());
        }
        return json.put("role", reader.roleName()).put("roleDefinitionId", reader.roleDefinitionId())
                .put("access", reader.access().label()).put("activeUntil", ApiJson.time(reader.activeUntil()))
                .put("scope", reader.scope()).put("inherited", reader.level().inherited())
                .put("readsSecrets", reader.readsSecrets()).put("canGrantItselfReads", reader.canGrantItself());
    }

    private static ObjectNode finding(AccessFinding finding) {
        ObjectNode json = ApiJson.object().put("kind", finding.kind()).put("subject", finding.subject());
        if (finding instanceof AccessFinding.AboutReader about) {
            principal(json, about.reader());
        }
        json.put("detail", finding.describe());
        PolicyLine policy = finding.policy();
        json.putObject("policy").put("line", PolicyLine.BULLET).put("clause", policy.clause())
                .put("citation", policy.citation());
        return json;
    }

    private static void principal(ObjectNode json, Reader reader) {
        json.put("principalId", reader.holder().principalId()).put("role", reader.roleName())
                .put("scope", reader.scope()).put("access", reader.access().label());
    }
}
