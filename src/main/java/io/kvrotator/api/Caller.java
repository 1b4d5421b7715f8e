package io.kvrotator.api;

import java.util.Set;

/** Who called the API: the App Service authentication principal, or {@code function-key} when there is none. */
public record Caller(String name, Set<String> roles, boolean authenticated) {

    public static final Caller FUNCTION_KEY_HOLDER = new Caller("function-key", Set.of(), false);
}
