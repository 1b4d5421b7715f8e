package io.kvrotator.accessreview;

import java.util.Locale;

/** What kind of principal a role assignment names ({@code principalType}). */
public enum PrincipalKind {
    USER, GROUP, SERVICE_PRINCIPAL, OTHER;

    /** From ARM's {@code principalType}: {@code User}, {@code Group}, {@code ServicePrincipal}, ... */
    public static PrincipalKind of(String principalType) {
        return switch (principalType == null ? "" : principalType.toLowerCase(Locale.ROOT)) {
            case "user" -> USER;
            case "group" -> GROUP;
            case "serviceprincipal" -> SERVICE_PRINCIPAL;
            default -> OTHER;
        };
    }

    /** People, or groups of them: the policy wants their access eligible through PIM, never standing. */
    public boolean human() {
        return this == USER || this == GROUP;
    }

    public String label() {
        return switch (this) {
            case USER -> "user";
            case GROUP -> "group";
            case SERVICE_PRINCIPAL -> "service principal";
            case OTHER -> "principal";
        };
    }
}
