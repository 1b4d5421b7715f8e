package io.kvrotator.accessreview;

import java.util.ArrayList;
import java.util.List;

/**
 * What breaks the policy, decided from what was read: an ordered chain of small checks per reader, then the vault's
 * own mode. Changes and reads nothing.
 */
final class AccessRules {

    private AccessRules() {
    }

    static List<AccessFinding> findings(String vault, VaultFacts facts, List<Reader> readers,
                                        AccessReviewPolicy policy) {
        List<AccessFinding> findings = new ArrayList<>();
        for (Reader reader : readers) {
            Holder holder = reader.holder();
            // A guest breaks "only developers and infrastructure engineers" however the access is held.
            if (Boolean.TRUE.equals(holder.guest())) {
                findings.add(new AccessFinding.GuestAccess(vault, reader));
            }
            // Workloads hold standing access by nature; only the expected ones may hold it at all.
            if (holder.kind() == PrincipalKind.SERVICE_PRINCIPAL) {
                if (!policy.expected(holder.principalId())) {
                    findings.add(new AccessFinding.UnexpectedServicePrincipal(vault, reader));
                }
                continue;
            }
            // People: eligible or activated through PIM is what the policy asks for; unknown is reported as a gap.
            if (reader.access() != Access.STANDING) {
                continue;
            }
            findings.add(reader.readsSecrets() ? new AccessFinding.StandingSecretReader(vault, reader)
                    : new AccessFinding.StandingPrivilegedAccess(vault, reader));
        }
        if (facts != null && !facts.rbacAuthorization()) {
            findings.add(new AccessFinding.AccessPolicyMode(vault, facts.accessPoliciesReadingSecrets()));
        }
        return findings;
    }
}
