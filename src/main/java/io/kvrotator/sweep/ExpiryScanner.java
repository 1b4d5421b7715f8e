package io.kvrotator.sweep;

import io.kvrotator.support.SafeErrorText;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Lists every source into an {@link ExpiryReport}. Changes nothing and tells no one: safe to call on demand. */
public final class ExpiryScanner {

    private static final System.Logger LOG = System.getLogger(ExpiryScanner.class.getName());

    private final List<ItemSource> sources;
    private final Clock clock;

    public ExpiryScanner(List<ItemSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** A source that cannot be listed is logged and named in the report; the others are still listed. */
    public ExpiryReport scan() {
        List<ExpiryItem> items = new ArrayList<>();
        List<ExpiryReport.UnreadableSource> unreadable = new ArrayList<>();
        for (ItemSource source : sources) {
            try {
                items.addAll(source.list());
            } catch (RuntimeException e) {
                String error = SafeErrorText.of(e);
                LOG.log(Level.ERROR, () -> "sweep.source_failed scope=%s error=%s".formatted(source.scope(), error));
                unreadable.add(new ExpiryReport.UnreadableSource(source.scope(), error));
            }
        }
        return new ExpiryReport(clock.instant(), items, unreadable);
    }
}
