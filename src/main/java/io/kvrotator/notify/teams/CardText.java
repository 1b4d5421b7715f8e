package io.kvrotator.notify.teams;

/**
 * Text for Adaptive Card {@code TextBlock}s and facts, which hosts render as a Markdown subset (Teams: bold, italic,
 * lists, links; other hosts more). Names, tag values, reasons and error messages come from people and services that
 * may write Markdown, on purpose or not, so every character that can start formatting is backslash-escaped, the
 * CommonMark way the Adaptive Cards renderers follow: the card then shows the text literally.
 */
final class CardText {

    /** Escaped wherever they occur: emphasis, code, links and images, autolinks and HTML, headings, entities. */
    private static final String ALWAYS = "\\*_`[]<>#~|&";
    /** Escaped at the start of a line only, where they begin a list, a quote or a heading underline. */
    private static final String LINE_START = "-+=";

    private CardText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ALWAYS.indexOf(c) >= 0 || lineStart && LINE_START.indexOf(c) >= 0
                    || (c == '.' || c == ')') && orderedListMarker(text, i)) {
                escaped.append('\\');
            }
            escaped.append(c);
            if (c == '\n' || c == '\r') {
                lineStart = true;
            } else if (c != ' ' && c != '\t') {
                lineStart = false;
            }
        }
        return escaped.toString();
    }

    /** True for the {@code .} or {@code )} of {@code 1. } or {@code 12) } at the start of a line. */
    private static boolean orderedListMarker(String text, int at) {
        int start = at;
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        if (start == at) {
            return false;
        }
        while (start > 0 && (text.charAt(start - 1) == ' ' || text.charAt(start - 1) == '\t')) {
            start--;
        }
        return start == 0 || text.charAt(start - 1) == '\n' || text.charAt(start - 1) == '\r';
    }
}
