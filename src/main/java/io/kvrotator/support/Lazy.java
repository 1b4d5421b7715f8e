package io.kvrotator.support;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use and then shared: keeps SDK clients a cold start does not need off the start path. */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> factory;
    private volatile T value;

    private Lazy(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    public static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
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
