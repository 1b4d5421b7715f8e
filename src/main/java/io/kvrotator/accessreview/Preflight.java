package io.kvrotator.accessreview;

import java.util.List;

/**
 * Whether the function's identity has, on the resource a secret's credential lives in, the actions a rotation
 * performs ({@link PermissionPreflight}). Only {@link Granted} says it does: a refusal or an error is
 * {@link CouldNotCheck}, never a pass.
 */
public sealed interface Preflight {

    /** One sentence for status and dry runs, e.g. {@code missing ...regeneratekey/action on stpayments}. */
    String message();

    record Granted(String resourceName, String resourceId, List<String> actions) implements Preflight {
        public Granted {
            actions = List.copyOf(actions);
        }

        @Override
        public String message() {
            return "has every action a rotation needs on " + resourceName + ": " + String.join(", ", actions);
        }
    }

    record Missing(String resourceName, String resourceId, List<String> missing) implements Preflight {
        public Missing {
            missing = List.copyOf(missing);
        }

        @Override
        public String message() {
            return "missing " + String.join(", ", missing) + " on " + resourceName;
        }
    }

    record CouldNotCheck(String resourceName, String why) implements Preflight {
        @Override
        public String message() {
            return "could not check the function's permissions on " + resourceName + ": " + why;
        }
    }

    /** No Azure role on a resource is involved (app registrations, PostgreSQL logins, untagged secrets). */
    record NotApplicable(String why) implements Preflight {
        @Override
        public String message() {
            return why;
        }
    }
}
