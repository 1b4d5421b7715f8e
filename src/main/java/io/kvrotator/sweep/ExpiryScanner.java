package io.kvrotator.sweep;

import io.kvrotator.notify.Addressees;
import io.kvrotator.notify.MailDomains;
import io.kvrotator.support.DaemonThreads;
import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists every source into an {@link ExpiryReport}. Changes nothing and tells no one: safe to call on demand.
 * Sources are listed a few at a time: a vault's pages must be read one after another (each names the next), so a
 * sweep of many vaults would otherwise take the sum of their list times. Key Vault's service limits are per vault,
 * and one source reads one vault, so listing different vaults at once does not bring any vault nearer its limit.
 * A source of another service (the app registrations' one Graph list) is listed beside them: after them it was a
 * sweep's last call, and in a fresh worker the first through its HTTP client.
 */
public final class ExpiryScanner {

    /** How many vaults are listed at once unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 10;

    private static final System.Logger LOG = System.getLogger(ExpiryScanner.class.getName());

    private final List<ItemSource> sources;
    private final Clock clock;
    private final int concurrency;
    private final Optional<MailDomains> mailDomains;

    public ExpiryScanner(List<ItemSource> sources, Clock clock) {
        this(sources, clock, DEFAULT_CONCURRENCY, Optional.empty());
    }

    public ExpiryScanner(List<ItemSource> sources, Clock clock, int concurrency) {
        this(sources, clock, concurrency, Optional.empty());
    }

    /**
     * @param concurrency the most vaults listed at the same time (sources listed beside them not counted)
     * @param mailDomains the domains owner addresses are mailed in; empty when email is off (nothing is refused)
     */
    public ExpiryScanner(List<ItemSource> sources, Clock clock, int concurrency, Optional<MailDomains> mailDomains) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.concurrency = concurrency;
        this.mailDomains = mailDomains;
    }

    public int concurrency() {
        return concurrency;
    }

    /**
     * A source that cannot be listed is logged and named in the report; the others are still listed. Items come in
     * the order of the sources, whichever finishes first.
     */
    public ExpiryReport scan() {
        List<ExpiryItem> items = new ArrayList<>();
        List<ExpiryReport.UnreadableSource> unreadable = new ArrayList<>();
        for (Listing listing : listAll()) {
            items.addAll(listing.items());
            if (listing.unreadable() != null) {
                unreadable.add(listing.unreadable());
            }
        }
        return new ExpiryReport(clock.instant(), items, unreadable, refusedRecipients(items));
    }

    /** Each distinct list of owners is read and checked once: an estate has tens of thousands of items, few owners. */
    private List<PolicyGap.RecipientOutsideDomains> refusedRecipients(List<ExpiryItem> items) {
        if (mailDomains.isEmpty()) {
            return List.of();
        }
        MailDomains domains = mailDomains.get();
        Map<List<String>, List<String>> refusedOf = new HashMap<>();
        List<PolicyGap.RecipientOutsideDomains> refused = new ArrayList<>();
        for (ExpiryItem item : items) {
            List<String> addresses = refusedOf.computeIfAbsent(item.owners(), owners -> Addressees.of(owners).emails()
                    .stream().filter(address -> domains.allowed(address).isEmpty()).toList());
            addresses.forEach(address -> refused.add(new PolicyGap.RecipientOutsideDomains(item, address)));
        }
        return refused;
    }

    private List<Listing> listAll() {
        if (sources.isEmpty()) {
            return List.of();
        }
        int limited = (int) sources.stream().filter(source -> !source.listedBesideVaults()).count();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, limited)),
                DaemonThreads.named("expiry-scan"));
        ExecutorService beside = Executors.newCachedThreadPool(DaemonThreads.named("expiry-scan"));
        try {
            List<Future<Listing>> pending = new ArrayList<>();
            for (ItemSource source : sources) {
                pending.add((source.listedBesideVaults() ? beside : pool).submit(() -> list(source)));
            }
            List<Listing> listings = new ArrayList<>();
            for (Future<Listing> listing : pending) {
                listings.add(listing.get());
            }
            return listings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing expiring items", e);
        } catch (ExecutionException e) {
            // list() catches what a source throws: only an Error gets here.
            throw (Error) e.getCause();
        } finally {
            pool.shutdownNow();
            beside.shutdownNow();
        }
    }

    private static Listing list(ItemSource source) {
        try {
            return new Listing(source.list(), null);
        } catch (RuntimeException e) {
            String error = SafeErrorText.of(e);
            LOG.log(Level.ERROR, () -> "sweep.source_failed scope=%s error=%s".formatted(source.scope(), error));
            return new Listing(List.of(), new ExpiryReport.UnreadableSource(source.scope(), error));
        }
    }

    private record Listing(List<ExpiryItem> items, ExpiryReport.UnreadableSource unreadable) {
    }
}
