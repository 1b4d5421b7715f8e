package io.kvrotator.accessreview;

/**
 * Something about who can read a vault's secrets that breaks the organisation's standard; each kind names the policy
 * line it breaks ({@link #policy()}). Built from role assignments and directory facts only: never a secret value.
 */
public sealed interface AccessFinding {

    String vault();

    /** The kind's name in JSON and events, e.g. {@code standing-secret-reader}. */
    String kind();

    /** Whom or what it is about, e.g. {@code user Alice (alice@contoso.com)}, or the vault itself. */
    String subject();

    /** What is wrong and what to do, in one or two sentences. */
    String describe();

    PolicyLine policy();

    /** A finding about one holder of a role: the subject is who holds it. */
    sealed interface AboutReader extends AccessFinding {

        Reader reader();

        @Override
        default String subject() {
            return reader().holder().label();
        }
    }

    /** A person (or a group of people) can read secret values without activating anything. */
    record StandingSecretReader(String vault, Reader reader) implements AboutReader {
        @Override
        public String kind() {
            return "standing-secret-reader";
        }

        @Override
        public String describe() {
            return subject() + " can read secret values through standing access: " + reader.where()
                    + (reader.activeUntil() == null ? "" : ", active until " + reader.activeUntil())
                    + ". Make it eligible through PIM and remove the active assignment.";
        }

        @Override
        public PolicyLine policy() {
            return PolicyLine.PIM_NOT_STANDING;
        }
    }

    /**
     * A person holds, without activating anything, a role that lets them give themselves secret reads (Owner, User
     * Access Administrator; Contributor where access policies decide): standing privileged access, though its data
     * actions read nothing yet.
     */
    record StandingPrivilegedAccess(String vault, Reader reader) implements AboutReader {
        @Override
        public String kind() {
            return "standing-privileged-access";
        }

        @Override
        public String describe() {
            return subject() + " holds " + reader.where() + " as standing access: it reads no secret value itself"
                    + " but lets them grant themselves a role (or access policy) that does, at any time. Make it"
                    + " eligible through PIM.";
        }

        @Override
        public PolicyLine policy() {
            return PolicyLine.PIM_NOT_STANDING;
        }
    }

    /** A guest of the tenant can read secret values, or give themselves the right, standing or through PIM. */
    record GuestAccess(String vault, Reader reader) implements AboutReader {
        @Override
        public String kind() {
            return "guest-access";
        }

        @Override
        public String describe() {
            return subject() + " is a guest of the tenant and holds " + reader.where() + " (" + reader.access().label()
                    + "): access to secrets is for the organisation's developers and infrastructure engineers. Remove"
                    + " it.";
        }

        @Override
        public PolicyLine policy() {
            return PolicyLine.ONLY_DEVELOPERS_AND_ENGINEERS;
        }
    }

    /** A service principal that is not on the expected list can read secret values or give itself the right. */
    record UnexpectedServicePrincipal(String vault, Reader reader) implements AboutReader {
        @Override
        public String kind() {
            return "unexpected-service-principal";
        }

        @Override
        public String describe() {
            return subject() + " holds " + reader.where() + " and is not an expected identity"
                    + " (ROTATOR_ACCESS_REVIEW_EXPECTED_PRINCIPALS): remove the role, or add it to the list if it"
                    + " needs it.";
        }

        @Override
        public PolicyLine policy() {
            return PolicyLine.LEAST_PRIVILEGE;
        }
    }

    /**
     * The vault still authorises with access policies: they cannot be made eligible through PIM, so whoever they
     * name reads secrets with standing access, and role assignments do not say who can.
     */
    record AccessPolicyMode(String vault, int accessPoliciesReadingSecrets) implements AccessFinding {
        @Override
        public String kind() {
            return "access-policy-mode";
        }

        @Override
        public String subject() {
            return "vault " + vault;
        }

        @Override
        public String describe() {
            return "vault " + vault + " is in access-policy mode (enableRbacAuthorization false): its "
                    + accessPoliciesReadingSecrets + (accessPoliciesReadingSecrets == 1 ? " access policy reads"
                    : " access policies read") + " secrets with standing access that PIM cannot govern. Move it to"
                    + " Azure RBAC (enableRbacAuthorization true), in Bicep.";
        }

        @Override
        public PolicyLine policy() {
            return PolicyLine.PIM_NOT_STANDING;
        }
    }
}
