package io.kvrotator.api;

import io.kvrotator.support.LogText;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Principal names (UPNs, email addresses, object IDs) in the one form in which two of them may be compared: a name
 * that differs from another only by compatibility forms (full-width letters), invisible format characters (zero-width
 * space, direction overrides), spaces or case names the same principal.
 */
public final class PrincipalNames {

    /** Format characters (Cf), space separators (Z*) and whitespace, none of which may tell two principals apart. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Z}\\s]+");
    /** The characters Entra ID allows in a UPN's local part, and a DNS domain with a top-level label of letters. */
    private static final Pattern UPN = Pattern.compile(
            "[a-z0-9'._!#^~%+&=-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{1,63}");
    private static final Pattern OBJECT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PrincipalNames() {
    }

    /**
     * NFKC, without format and space characters, lower case (a case fold for the characters principal names may
     * hold), and NFKC again because lower-casing can leave a string that is not normalised.
     */
    public static String normalise(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String visible = INVISIBLE.matcher(compatible).replaceAll("");
        return Normalizer.normalize(visible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Whether two names, once normalised, name the same principal. */
    public static boolean same(String first, String second) {
        return normalise(first).equals(normalise(second));
    }

    /** Why {@code name} is not a principal name (a UPN or email {@code local@domain.tld}, or an object ID), if so. */
    public static Optional<String> problem(String name) {
        String normalised = normalise(name);
        if (UPN.matcher(normalised).matches() || OBJECT_ID.matcher(normalised).matches()) {
            return Optional.empty();
        }
        return Optional.of("'" + shown(name) + "' is not a principal name: give a user principal name or email"
                + " address (user@contoso.com) or an object ID (a GUID)");
    }

    /** The name for a message: control and invisible characters shown as {@code ?}, so none can hide in it. */
    private static String shown(String name) {
        return LogText.printable(name.replaceAll("[\\p{Cf}\\p{Zl}\\p{Zp}]", "?"));
    }
}
