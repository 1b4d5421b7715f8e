package io.kvrotator.support;

/** Text from outside (names, ids, values of settings that are not secret) made safe to put into a log line. */
public final class LogText {

    private static final int MAX_LENGTH = 64;

    private LogText() {
    }

    /** Bounded and control-character-free, so that hostile input cannot flood or forge a log line. */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String shortened = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
