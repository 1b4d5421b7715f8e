package io.kvrotator.api;

import java.util.Optional;

/**
 * Who may call the HTTP API: whether App Service authentication is on (only then is its principal header trusted),
 * whether a principal is required, and which app role it must carry. Requiring either needs authentication on.
 */
public record CallerPolicy(boolean platformAuthentication, boolean requireIdentity, String requiredRole) {

    public CallerPolicy {
        requiredRole = requiredRole == null ? "" : requiredRole.trim();
        if ((requireIdentity || !requiredRole.isEmpty()) && !platformAuthentication) {
            throw new IllegalArgumentException("a caller identity or role cannot be required while App Service"
                    + " authentication is off: the principal header would not come from the platform");
        }
    }

    /** The caller of the request; a {@link BadRequest} (401, 403) when this policy refuses it. */
    Caller caller(ApiRequest request) {
        Optional<Caller> caller;
        try {
            caller = CallerIdentity.from(request, platformAuthentication);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(401, "Unauthenticated", e.getMessage());
        }
        if (caller.isEmpty()) {
            if (requireIdentity) {
                throw new BadRequest(401, "Unauthenticated", "this API requires an App Service authentication"
                        + " principal (" + CallerIdentity.PRINCIPAL_HEADER + ")");
            }
            return Caller.FUNCTION_KEY_HOLDER;
        }
        if (!requiredRole.isEmpty() && !caller.get().roles().contains(requiredRole)) {
            throw new BadRequest(403, "Forbidden", caller.get().name() + " does not have the app role " + requiredRole);
        }
        return caller.get();
    }
}
