package io.kvrotator.governance;

import java.util.Set;

/** Someone App Service authentication signed in: who asks for, approves or withdraws a change. */
public interface Principal {

    String name();

    /** The other names the principal's claims give it (object ID, UPN, email). */
    Set<String> aliases();

    /** Its app roles. */
    Set<String> roles();

    /** Whether {@code principal}, however it is written, names this principal (its name or one of its aliases). */
    boolean isKnownAs(String principal);
}
