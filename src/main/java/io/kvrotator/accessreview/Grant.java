package io.kvrotator.accessreview;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One permission block of a role definition, or of the function's own permissions on a resource. As Azure RBAC
 * evaluates it: an action is allowed when one of {@code actions} matches it and none of {@code notActions} does (the
 * same for data actions), {@code *} matching any run of characters, without regard to case. {@code *} in
 * {@code actions} grants no data action: Owner cannot read a secret value until it grants itself a data role.
 */
public record Grant(List<String> actions, List<String> notActions, List<String> dataActions,
                    List<String> notDataActions) {

    public Grant {
        actions = copy(actions);
        notActions = copy(notActions);
        dataActions = copy(dataActions);
        notDataActions = copy(notDataActions);
    }

    public static Grant ofActions(List<String> actions) {
        return new Grant(actions, List.of(), List.of(), List.of());
    }

    public boolean allowsAction(String action) {
        return anyMatches(actions, action) && !anyMatches(notActions, action);
    }

    public boolean allowsDataAction(String dataAction) {
        return anyMatches(dataActions, dataAction) && !anyMatches(notDataActions, dataAction);
    }

    /** Whether any block allows {@code action}: permissions from several roles add up, block by block. */
    public static boolean anyAllowsAction(List<Grant> grants, String action) {
        return grants.stream().anyMatch(grant -> grant.allowsAction(action));
    }

    public static boolean anyAllowsDataAction(List<Grant> grants, String dataAction) {
        return grants.stream().anyMatch(grant -> grant.allowsDataAction(dataAction));
    }

    /** Whether {@code pattern} (an action with {@code *} wildcards) matches {@code action}, ignoring case. */
    static boolean matches(String pattern, String action) {
        String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), action.toLowerCase(Locale.ROOT));
    }

    private static boolean anyMatches(List<String> patterns, String action) {
        return patterns.stream().anyMatch(pattern -> matches(pattern, action));
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : values.stream().filter(value -> value != null && !value.isBlank()).toList();
    }
}
