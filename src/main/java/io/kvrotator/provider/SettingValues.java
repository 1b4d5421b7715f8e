package io.kvrotator.provider;

import io.kvrotator.support.SettingDefinition;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a provider's settings at start-up. A bad value is recorded (start-up then fails naming every bad setting)
 * and a placeholder is returned, so a factory reads all its settings without stopping at the first problem.
 */
public interface SettingValues {

    int integer(SettingDefinition setting, int min, int max);

    /** An absolute http(s) URL; {@code placeholder} (e.g. {@code {account}}) must appear in it when not null. */
    String url(SettingDefinition setting, String placeholder);

    /**
     * A value {@code pattern} matches as a whole (e.g. a {@code rediss://} endpoint, which {@link #url} refuses);
     * {@code expected} says what it must be, for the problem.
     */
    String matching(SettingDefinition setting, Pattern pattern, String expected);

    /** A tenant ID (GUID) or a verified domain name; empty when not set. */
    Optional<String> tenant(SettingDefinition setting);

    /** The value as set, trimmed; the default when unset. For settings a factory checks itself. */
    String text(SettingDefinition setting);

    /** Records a problem a factory found in one of its settings (never quote a secret value in it). */
    void problem(SettingDefinition setting, String problem);
}
