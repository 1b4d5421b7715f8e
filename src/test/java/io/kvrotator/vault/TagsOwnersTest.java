package io.kvrotator.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TagsOwnersTest {

    @Test
    @DisplayName("owners are the Owner then NotifyTo entries split on commas or semicolons, trimmed, empty ones and"
            + " repeats dropped")
    void owners() {
        assertThat(Tags.owners(Map.of(Tags.OWNER, " a@x ;b@x,,a@x ", Tags.NOTIFY_TO, "c@x;b@x;")))
                .containsExactly("a@x", "b@x", "c@x");
        assertThat(Tags.owners(Map.of(Tags.NOTIFY_TO, ",;  ;"))).isEmpty();
        assertThat(Tags.owners(null)).isEmpty();
    }

    @Test
    @DisplayName("the split agrees with splitting on the pattern [,;] over 50,000 generated tag values")
    void agreesWithThePatternSplit() {
        Random random = new Random(29112026);
        String alphabet = "ab@.,; \t";
        for (int i = 0; i < 50_000; i++) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (String tag : List.of(Tags.OWNER, Tags.NOTIFY_TO)) {
                if (random.nextBoolean()) {
                    StringBuilder value = new StringBuilder();
                    for (int c = random.nextInt(12); c > 0; c--) {
                        value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    tags.put(tag, value.toString());
                }
            }
            List<String> expected = new ArrayList<>();
            for (String tag : List.of(Tags.OWNER, Tags.NOTIFY_TO)) {
                if (tags.containsKey(tag)) {
                    Arrays.stream(tags.get(tag).split("[,;]")).map(String::trim).filter(owner -> !owner.isEmpty())
                            .filter(owner -> !expected.contains(owner)).forEach(expected::add);
                }
            }
            assertThat(Tags.owners(tags)).as(tags.toString()).isEqualTo(expected);
        }
    }
}
