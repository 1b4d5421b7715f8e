package io.kvrotator.support;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use, then shared by every caller; safe across threads. */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    public Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                if (value == null) {
                    value = Objects.requireNonNull(factory.get(), "the factory built nothing");
                }
                built = value;
            }
        }
        return built;
    }

    /** Whether {@link #get()} has built the value yet. */
    public boolean isBuilt() {
        return value != null;
    }
}
