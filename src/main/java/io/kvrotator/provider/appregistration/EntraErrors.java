package io.kvrotator.provider.appregistration;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code AADSTS} error code out of what a token request threw. */
final class EntraErrors {

    /** The client secret is not (or no longer) one of the application's: invalid, or expired. */
    static final Set<String> SECRET_REFUSED = Set.of("7000215", "7000222");
    /** Will not heal by retrying: no service principal in the tenant, no such tenant, application disabled. */
    static final Set<String> PERMANENT = Set.of("7000229", "90002", "700016", "7000112");

    private static final Pattern CODE = Pattern.compile("AADSTS(\\d{5,8})");

    private EntraErrors() {
    }

    static Optional<String> code(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Matcher matcher = CODE.matcher(String.valueOf(cause.getMessage()));
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    static String explain(String code, String appId) {
        return switch (code) {
            case "7000229" -> "application " + appId + " has no service principal in the tenant: create one"
                    + " (az ad sp create --id " + appId + ") or stop rotating this secret";
            case "90002" -> "the tenant in ROTATOR_ENTRA_TENANT_ID does not exist";
            case "700016" -> "application " + appId + " is not found in the tenant";
            case "7000112" -> "application " + appId + " is disabled";
            default -> "Entra ID refused the token request (AADSTS" + code + ")";
        };
    }
}
