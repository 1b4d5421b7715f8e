package io.kvrotator.app;

import java.util.List;

/** Thrown at start-up when app settings are missing or malformed; the message names every bad setting. */
public final class InvalidSettingsException extends RuntimeException {

    public InvalidSettingsException(List<String> problems) {
        super("invalid app settings: " + String.join("; ", problems));
    }
}
