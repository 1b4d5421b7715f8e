package io.kvrotator.api;

import io.kvrotator.governance.Principal;
import java.util.Set;

/**
 * Who called the API: the App Service authentication principal, or {@code function-key} when there is none.
 *
 * @param aliases the other names the principal's claims give it (object ID, UPN, email), so that it cannot approve
 *                its own request under one of them
 */
public record Caller(String name, Set<String> roles, Set<String> aliases) implements Principal {

    public static final Caller FUNCTION_KEY_HOLDER = new Caller("function-key", Set.of(), Set.of());

    public Caller {
        roles = Set.copyOf(roles);
        aliases = Set.copyOf(aliases);
    }

    /** Whether {@code principal}, however it is written (see {@link PrincipalNames}), is this caller. */
    @Override
    public boolean isKnownAs(String principal) {
        return PrincipalNames.same(principal, name) || aliases.stream().anyMatch(alias -> PrincipalNames.same(principal, alias));
    }
}
