package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a secret's value holds, from its {@code ValueFormat} tag: the key itself, a connection string with it, or a
 * JSON object (user and password, for database logins). Each provider says which formats it accepts.
 */
public enum ValueFormat {
    KEY("key"),
    CONNECTION_STRING("connectionString"),
    JSON("json");

    private static final Set<ValueFormat> KEYS = EnumSet.of(KEY, CONNECTION_STRING);

    private final String tagValue;

    ValueFormat(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }

    /** The version's format for keys; {@link #KEY} without the tag; a terminal refusal for any other value. */
    public static ValueFormat of(SecretVersion version) {
        return tagged(version, KEYS).orElse(KEY);
    }

    /**
     * The version's format, when it has the tag; a terminal refusal, naming the formats {@code accepted}, for a
     * value outside them.
     */
    public static Optional<ValueFormat> tagged(SecretVersion version, Set<ValueFormat> accepted) {
        return version.tag(Tags.VALUE_FORMAT).map(value -> Arrays.stream(values())
                .filter(format -> accepted.contains(format) && format.tagValue.equals(value)).findFirst()
                .orElseThrow(() -> RotationException.terminal(Step.PLAN, "tag " + Tags.VALUE_FORMAT + " must be "
                        + accepted.stream().sorted().map(ValueFormat::tagValue).collect(Collectors.joining(" or "))
                        + ", not '" + LogText.printable(value) + "'")));
    }
}
