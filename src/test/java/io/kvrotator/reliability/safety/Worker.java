package io.kvrotator.reliability.safety;

/** Which of the model's two workers (function instances) the current thread is acting for. */
final class Worker {

    private static final ThreadLocal<Integer> CURRENT = ThreadLocal.withInitial(() -> 0);

    private Worker() {
    }

    static int current() {
        return CURRENT.get();
    }

    /** Runs {@code action} as {@code worker}, restoring the previous one after (workers nest when one is paused). */
    static <T> T as(int worker, java.util.function.Supplier<T> action) {
        int previous = CURRENT.get();
        CURRENT.set(worker);
        try {
            return action.get();
        } finally {
            CURRENT.set(previous);
        }
    }
}
