package io.kvrotator.accessreview;

import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The access review (README, Access review): for each managed vault, who can read its secret values - role
 * assignments at the vault, on its secrets and inherited from above it, each role resolved to what it allows, each
 * person's access standing or through PIM, guests, service principals beyond the expected ones, access-policy mode -
 * and which policy line each finding breaks ({@link AccessRules}). It only reads; what it could not read it reports
 * as not checked, never as fine.
 */
public final class AccessReview {

    private static final System.Logger LOG = System.getLogger(AccessReview.class.getName());

    private final RbacSource rbac;
    private final UserDirectory directory;
    private final AccessReviewPolicy policy;
    private final Clock clock;

    public AccessReview(RbacSource rbac, UserDirectory directory, AccessReviewPolicy policy, Clock clock) {
        this.rbac = rbac;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /** Whether the settings name any vault's resource ID: without one there is nothing to review. */
    public boolean enabled() {
        return policy.enabled();
    }

    /** Every managed vault. */
    public AccessReviewReport reviewAll() {
        return review(policy.vaults());
    }

    /** The vaults named (each one managed: callers check the allow-list first). */
    public AccessReviewReport review(List<String> vaults) {
        Run run = new Run();
        List<VaultReview> reviews = vaults.stream().map(run::vault).toList();
        LOG.log(Level.INFO, () -> "access_review.done vaults=%d findings=%d notChecked=%d".formatted(reviews.size(),
                reviews.stream().mapToInt(review -> review.findings().size()).sum(),
                reviews.stream().mapToInt(review -> review.couldNotCheck().size()).sum()));
        return new AccessReviewReport(clock.instant(), reviews);
    }

    /** One review: role definitions and users are read once for all its vaults. */
    private final class Run {

        private final Map<String, Read<RoleDefinition>> definitions = new HashMap<>();
        private final Map<String, Read<DirectoryUser>> users = new HashMap<>();

        VaultReview vault(String vault) {
            Optional<String> id = policy.resourceIdOf(vault);
            if (id.isEmpty()) {
                return new VaultReview(vault, null, null, List.of(), List.of(), List.of(), List.of("could not check"
                        + " vault " + vault + " at all: ROTATOR_VAULT_RESOURCE_IDS gives no resource ID for it"));
            }
            String vaultId = id.get();
            Set<String> gaps = new LinkedHashSet<>();
            Optional<VaultFacts> facts = read(vault, gaps, "the vault's properties (authorization mode, owners)",
                    () -> rbac.vault(vaultId));
            boolean rbacMode = facts.map(VaultFacts::rbacAuthorization).orElse(true);
            Optional<List<RoleAssignment>> assignments = read(vault, gaps, "its role assignments",
                    () -> rbac.roleAssignments(vaultId));
            Optional<List<PimSchedules.Active>> active = read(vault, gaps, "PIM's role assignment schedule instances"
                    + " (whether a role is standing or activated)", () -> rbac.activeSchedules(vaultId));
            Optional<List<PimSchedules.Eligible>> eligible = read(vault, gaps, "PIM's role eligibility schedule"
                    + " instances", () -> rbac.eligibleSchedules(vaultId));
            PimSchedules pim = new PimSchedules(active.orElse(List.of()), eligible.orElse(List.of()));
            List<Reader> readers = new ArrayList<>();
            for (RoleAssignment assignment : assignments.orElse(List.of())) {
                Optional<PimSchedules.Active> instance = pim.behind(assignment);
                Access access = active.isEmpty() ? Access.UNKNOWN : instance.filter(PimSchedules.Active::activated)
                        .isPresent() ? Access.ACTIVATED : Access.STANDING;
                reader(vault, vaultId, gaps, assignment.principalId(), assignment.kind(), assignment.roleDefinitionId(),
                        assignment.scope(), access, instance.map(PimSchedules.Active::endDateTime).orElse(null),
                        rbacMode).ifPresent(readers::add);
            }
            for (PimSchedules.Eligible eligibility : pim.eligible()) {
                reader(vault, vaultId, gaps, eligibility.principalId(), eligibility.kind(),
                        eligibility.roleDefinitionId(), eligibility.scope(), Access.ELIGIBLE, null, rbacMode)
                        .ifPresent(readers::add);
            }
            return new VaultReview(vault, vaultId, facts.map(VaultFacts::rbacAuthorization).orElse(null),
                    facts.map(VaultFacts::owners).orElse(List.of()), readers,
                    AccessRules.findings(vault, facts.orElse(null), readers, policy), List.copyOf(gaps));
        }

        /**
         * A reader, if the role lets its holder read secret values (data actions count only in RBAC mode: access
         * policies decide otherwise) or give itself the right.
         */
        private Optional<Reader> reader(String vault, String vaultId, Set<String> gaps, String principalId,
                                        PrincipalKind kind, String roleDefinitionId, String scope, Access access,
                                        Instant until, boolean rbacMode) {
            Optional<RoleDefinition> definition = definition(vault, gaps, roleDefinitionId);
            if (definition.isEmpty()) {
                return Optional.empty();
            }
            boolean reads = rbacMode && definition.get().readsSecrets();
            boolean grants = definition.get().canGrantItselfReads(!rbacMode);
            if (!reads && !grants) {
                return Optional.empty();
            }
            return Optional.of(new Reader(holder(vault, gaps, principalId, kind), definition.get().roleName(),
                    roleDefinitionId, access, access == Access.ELIGIBLE ? null : until, ScopeLevel.of(scope, vaultId),
                    scope, reads, grants));
        }

        private Optional<RoleDefinition> definition(String vault, Set<String> gaps, String roleDefinitionId) {
            Read<RoleDefinition> known = definitions.computeIfAbsent(PimSchedules.guid(roleDefinitionId), guid ->
                    attempt(vault, "role definition " + guid, () -> rbac.roleDefinition(roleDefinitionId)));
            if (known.notChecked() != null) {
                gaps.add(known.notChecked() + " (what its holders may do is unknown)");
            }
            return Optional.ofNullable(known.value());
        }

        private Holder holder(String vault, Set<String> gaps, String principalId, PrincipalKind kind) {
            if (kind != PrincipalKind.USER) {
                return new Holder(principalId, kind, null, null, null);
            }
            Read<DirectoryUser> user = users.computeIfAbsent(principalId.toLowerCase(Locale.ROOT), id ->
                    attempt(vault, "whether user " + id + " is a guest", () -> directory.user(principalId)));
            Optional<DirectoryUser> found = Optional.ofNullable(user.value());
            Optional<Boolean> guest = found.flatMap(DirectoryUser::guest);
            if (user.notChecked() != null) {
                gaps.add(user.notChecked());
            } else if (guest.isEmpty()) {
                gaps.add("could not check whether user " + principalId + " is a guest: Microsoft Graph returned no"
                        + " userType (the identity needs User.Read.All)");
            }
            return new Holder(principalId, kind, found.map(DirectoryUser::displayName).orElse(null),
                    found.map(DirectoryUser::userPrincipalName).orElse(null), guest.orElse(null));
        }

        private <T> Optional<T> read(String vault, Set<String> gaps, String what, Supplier<T> call) {
            Read<T> read = attempt(vault, what, call);
            if (read.notChecked() != null) {
                gaps.add(read.notChecked());
            }
            return Optional.ofNullable(read.value());
        }

        private <T> Read<T> attempt(String vault, String what, Supplier<T> call) {
            try {
                return new Read<>(call.get(), null);
            } catch (RuntimeException e) {
                String why = SafeErrorText.of(e);
                LOG.log(Level.WARNING, () -> "access_review.not_checked vault=%s what=%s error=%s"
                        .formatted(vault, what, why));
                return new Read<>(null, "could not check " + what + ": " + why);
            }
        }
    }

    /** What one read gave: a value, or why there is none. */
    private record Read<T>(T value, String notChecked) {
    }
}
