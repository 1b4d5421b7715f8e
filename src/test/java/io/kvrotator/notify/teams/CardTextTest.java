package io.kvrotator.notify.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CardTextTest {

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("bold", "**URGENT**", "\\*\\*URGENT\\*\\*"),
                Arguments.of("a link", "[click](https://evil.example)", "\\[click\\](https://evil.example)"),
                Arguments.of("an image", "![x](https://evil.example/x.png)", "!\\[x\\](https://evil.example/x.png)"),
                Arguments.of("italic", "_a_ and snake_case", "\\_a\\_ and snake\\_case"),
                Arguments.of("code", "`rm -rf`", "\\`rm -rf\\`"),
                Arguments.of("a heading", "# Pwned", "\\# Pwned"),
                Arguments.of("HTML and autolinks", "<b>hi</b> <https://evil.example>",
                        "\\<b\\>hi\\</b\\> \\<https://evil.example\\>"),
                Arguments.of("an entity", "&lt;script&gt;", "\\&lt;script\\&gt;"),
                Arguments.of("a backslash", "C:\\temp", "C:\\\\temp"),
                Arguments.of("a bulleted list", "- one\n+ two\n  - three", "\\- one\n\\+ two\n  \\- three"),
                Arguments.of("a numbered list", "1. one\n12) two", "1\\. one\n12\\) two"),
                Arguments.of("strikethrough and tables", "~~x~~ | y", "\\~\\~x\\~\\~ \\| y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    @DisplayName("every character that could start Markdown formatting is backslash-escaped")
    void escapesMarkdown(String what, String text, String escaped) {
        assertThat(CardText.escape(text)).isEqualTo(escaped);
        assertThat(CardText.escape(text).replaceAll("\\\\(\\p{Punct})", "$1")).as("what the card shows").isEqualTo(text);
    }

    @Test
    @DisplayName("ordinary names, dates and sentences are left as they are")
    void plainTextUnchanged() {
        for (String text : new String[] {"PAYMENTS-STORAGE-KEY", "kv-prod-payments", "2026-11-20 07:00 UTC (expired 2"
                + " days ago)", "payments-api / ci-deploy", "Expires in 6 days (7-day alert)", "version 1.2 of 3."}) {
            assertThat(CardText.escape(text)).isEqualTo(text);
        }
    }

    @Test
    @DisplayName("null becomes empty text")
    void nullIsEmpty() {
        assertThat(CardText.escape(null)).isEmpty();
    }
}
