package io.kvrotator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scan lists several sources at once, never more than its concurrency, and reports them in source order.
 * Sources meet at barriers and latches instead of sleeping, so every outcome is decided by the code, not by timing.
 */
class ExpiryScannerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC);
    private static final long WAIT_SECONDS = 20;

    @Test
    @DisplayName("as many sources as the concurrency are listed at the same time")
    void listsSourcesConcurrently() {
        CyclicBarrier allInFlight = new CyclicBarrier(4);
        List<ItemSource> sources = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sources.add(source("vault-" + i, () -> {
                await(allInFlight);
                return 1;
            }));
        }

        ExpiryReport report = new ExpiryScanner(sources, CLOCK, 4).scan();

        assertThat(report.complete()).isTrue();
        assertThat(report.items()).hasSize(4);
    }

    @Test
    @DisplayName("never more sources at once than the concurrency")
    void boundedByConcurrency() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CyclicBarrier pairs = new CyclicBarrier(2);
        List<ItemSource> sources = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sources.add(source("vault-" + i, () -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                await(pairs);
                inFlight.decrementAndGet();
                return 1;
            }));
        }

        ExpiryReport report = new ExpiryScanner(sources, CLOCK, 2).scan();

        assertThat(report.items()).hasSize(8);
        assertThat(mostInFlight).hasValue(2);
    }

    @Test
    @DisplayName("a source of another service is listed beside the vaults, not after them, even with one vault at a"
            + " time; its items still come in source order")
    void otherServicesBesideTheVaults() {
        CountDownLatch graphListed = new CountDownLatch(1);
        ItemSource vault = source("vault-a", () -> {
            await(graphListed);
            return 1;
        });
        ItemSource otherVault = source("vault-b", () -> 1);
        ItemSource applications = source("app-registrations", true, () -> {
            graphListed.countDown();
            return 2;
        });

        ExpiryReport report = new ExpiryScanner(List.of(vault, otherVault, applications), CLOCK, 1).scan();

        assertThat(report.items()).extracting(ExpiryItem::scope)
                .containsExactly("vault-a", "vault-b", "app-registrations", "app-registrations");
    }

    @Test
    @DisplayName("items come in source order even when a later source finishes first; an unreadable source is named")
    void keepsSourceOrder() {
        CountDownLatch secondDone = new CountDownLatch(1);
        ItemSource first = source("vault-a", () -> {
            await(secondDone);
            return 2;
        });
        ItemSource second = source("vault-b", () -> {
            secondDone.countDown();
            return 1;
        });
        ItemSource broken = source("vault-c", () -> {
            throw new IllegalStateException("Status code 403, Forbidden");
        });

        ExpiryReport report = new ExpiryScanner(List.of(first, second, broken), CLOCK, 3).scan();

        assertThat(report.items()).extracting(ExpiryItem::scope).containsExactly("vault-a", "vault-a", "vault-b");
        assertThat(report.unreadable()).extracting(ExpiryReport.UnreadableSource::scope).containsExactly("vault-c");
    }

    @Test
    @DisplayName("one source at a time is allowed; none at a time is not")
    void concurrencyAtLeastOne() {
        ItemSource only = source("vault-a", () -> 3);

        assertThat(new ExpiryScanner(List.of(only), CLOCK, 1).scan().items()).hasSize(3);
        assertThat(new ExpiryScanner(List.of(only), CLOCK).concurrency()).isEqualTo(ExpiryScanner.DEFAULT_CONCURRENCY);
        assertThatThrownBy(() -> new ExpiryScanner(List.of(only), CLOCK, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency must be at least 1");
    }

    /** A vault source whose listing runs {@code listing} and then returns that many secrets. */
    private static ItemSource source(String scope, Supplier<Integer> listing) {
        return source(scope, false, listing);
    }

    private static ItemSource source(String scope, boolean listedBesideVaults, Supplier<Integer> listing) {
        return new ItemSource() {
            @Override
            public String scope() {
                return scope;
            }

            @Override
            public List<ExpiryItem> list() {
                int count = listing.get();
                List<ExpiryItem> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(new ExpiryItem(scope, ItemKind.SECRET, "SECRET-" + i, scope, "SECRET-" + i,
                            CLOCK.instant().plusSeconds(86_400L * 90), List.of(), null, null));
                }
                return items;
            }

            @Override
            public boolean listedBesideVaults() {
                return listedBesideVaults;
            }
        };
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("the other sources were not listed at the same time", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the later source was not listed while the first one waited");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
