package io.kvrotator.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each test of the class runs in a {@link Sandbox} of its own, on a {@link MutableClock} starting at {@link #START},
 * with a {@code LogCapture} of the test's log records. Test and lifecycle methods take the {@code Sandbox},
 * {@code MutableClock}, {@code LogCapture} and, when {@link #vaults()} are given, the installed {@code AppContext} as
 * parameters. All of them are closed after each test, whether it passed or not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SandboxExtension.class)
public @interface SandboxTest {

    /** The instant the sandbox clock starts at in every test. */
    Instant START = Instant.parse("2026-11-22T07:00:00Z");

    /**
     * The vaults to create and install the app settings for, as the Functions runtime would. Without any, nothing is
     * installed: the test builds its own settings and context.
     */
    String[] vaults() default {};
}
