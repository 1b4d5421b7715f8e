package io.kvrotator.provider;

import io.kvrotator.failure.RotationException;
import io.kvrotator.failure.Step;
import io.kvrotator.support.LogText;
import io.kvrotator.vault.SecretVersion;
import io.kvrotator.vault.Tags;
import java.util.Arrays;

/** What a secret's value holds, from its {@code ValueFormat} tag: the key itself, or a connection string with it. */
public enum ValueFormat {
    KEY("key"),
    CONNECTION_STRING("connectionString");

    private final String tagValue;

    ValueFormat(String tagValue) {
        this.tagValue = tagValue;
    }

    public String tagValue() {
        return tagValue;
    }

    /** The version's format; {@link #KEY} without the tag; a terminal refusal for any other value. */
    public static ValueFormat of(SecretVersion version) {
        return version.tag(Tags.VALUE_FORMAT).map(value -> Arrays.stream(values())
                .filter(format -> format.tagValue.equals(value)).findFirst()
                .orElseThrow(() -> RotationException.terminal(Step.PLAN, "tag " + Tags.VALUE_FORMAT + " must be "
                        + KEY.tagValue + " or " + CONNECTION_STRING.tagValue + ", not '" + LogText.printable(value)
                        + "'"))).orElse(KEY);
    }
}
