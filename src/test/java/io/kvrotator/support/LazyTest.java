package io.kvrotator.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    @DisplayName("builds nothing until asked, then builds once and shares the value")
    void buildsOnce() {
        AtomicInteger builds = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> "client-" + builds.incrementAndGet());

        assertThat(lazy.isBuilt()).isFalse();
        assertThat(builds).hasValue(0);
        assertThat(lazy.get()).isEqualTo("client-1");
        assertThat(lazy.get()).isEqualTo("client-1");
        assertThat(lazy.isBuilt()).isTrue();
        assertThat(builds).hasValue(1);
    }
}
