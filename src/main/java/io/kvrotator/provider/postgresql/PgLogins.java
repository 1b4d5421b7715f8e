package io.kvrotator.provider.postgresql;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretVersion;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The logins a secret alternates between, from its tags: {@code Logins=orders_app_a,orders_app_b} (two roles with
 * the same grants), or one login with {@code AllowSingleLogin=true}, which sets a new password on the login in use
 * and so breaks its consumers until they read the new version.
 */
record PgLogins(List<String> names) {

    static final String TAG = "Logins";
    static final String SINGLE_TAG = "AllowSingleLogin";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@$-]{0,62}");

    static PgLogins of(SecretVersion version) {
        String tag = version.tag(TAG).orElseThrow(() -> RotationException.terminal(Step.PLAN, "tag " + TAG
                + " is missing: name the two logins with the same grants, e.g. " + TAG + "=orders_app_a,orders_app_b"));
        List<String> names = Arrays.stream(tag.split(",")).map(String::strip).toList();
        if (names.stream().anyMatch(name -> !NAME.matcher(name).matches())) {
            throw RotationException.terminal(Step.PLAN, "tag " + TAG + " must be two role names separated by a"
                    + " comma (letters, digits, _ . @ $ -), not '" + LogText.printable(tag) + "'");
        }
        boolean single = version.tag(SINGLE_TAG).filter("true"::equalsIgnoreCase).isPresent();
        if (names.size() == 1 && !single) {
            throw RotationException.terminal(Step.PLAN, "tag " + TAG + " names one login: rotating it breaks its"
                    + " consumers until they read the new version. Create a second login with the same grants and"
                    + " name both, or opt in with " + SINGLE_TAG + "=true; nothing was changed");
        }
        if (names.size() > 2 || names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw RotationException.terminal(Step.PLAN, "tag " + TAG + " must name two different logins, not '"
                    + LogText.printable(tag) + "'");
        }
        return new PgLogins(names);
    }

    boolean single() {
        return names.size() == 1;
    }

    boolean contains(String login) {
        return names.contains(login);
    }

    /** The login the next version holds: the other one, or the same one for a single login. */
    String other(String inUse) {
        return single() ? inUse : names.get(0).equals(inUse) ? names.get(1) : names.get(0);
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
