package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertThresholdsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    private final AlertThresholds thresholds = new AlertThresholds(List.of(30, 14, 7, 3, 1));

    @ParameterizedTest(name = "{0} hours left, already sent [{1}]: alert {2}")
    @CsvSource(delimiter = '|', value = {
            "1080 |             | none",      // 45 days
            "720  |             | 30d",       // exactly 30 days
            "719  | 30d         | none",      // 29d23h: 30 already sent, 14 not crossed
            "312  |             | 14d",       // 13 days, first sweep: the most urgent crossed, once
            "312  | 30d         | 14d",       // 13 days, 30 sent yesterday
            "312  | 30d 14d     | none",
            "144  | 30d 14d     | 7d",
            "72   | 30d 14d 7d  | 3d",
            "6    | 30d 14d 7d  | 1d",        // less than a day left
            "0    | 30d 14d 7d 3d 1d | expired",
            "-48  | 30d 14d 7d 3d 1d expired | none"})
    void due(int hoursLeft, String sent, String expected) {
        List<String> alreadySent = sent == null ? List.of() : Arrays.asList(sent.trim().split("\\s+"));

        assertThat(thresholds.due(NOW.plus(Duration.ofHours(hoursLeft)), NOW, alreadySent).orElse("none"))
                .isEqualTo(expected);
    }
}
