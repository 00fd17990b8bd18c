package dev.wdfrr.runtime.mem;

/**
 * A traced {@code LONG} of shared driver state (a reference count, a counter, a state word).
 * Made by {@link dev.wdfrr.runtime.WdfRuntime#longCell}, or zeroed in an object context. Every
 * call is a scheduling point and traced with its value; see the package documentation.
 */
public interface LongCell {
    /** The cell's name in traces. */
    String name();

    /** A plain read. */
    long get();

    /** A plain write. */
    void set(long value);

    /** {@code InterlockedCompareExchange}: sets {@code update} if the value is {@code expected}; true if it did. */
    boolean compareAndSet(long expected, long update);

    /** {@code InterlockedExchangeAdd}: adds {@code delta}, returns the value before. */
    long getAndAdd(long delta);

    /** {@code InterlockedAdd}: adds {@code delta}, returns the value after. */
    long addAndGet(long delta);

    /** {@code InterlockedIncrement}: the value after. */
    default long incrementAndGet() {
        return addAndGet(1);
    }

    /** {@code InterlockedDecrement}: the value after. */
    default long decrementAndGet() {
        return addAndGet(-1);
    }

    /** {@code InterlockedExchange}: sets {@code value}, returns the value before. */
    long getAndSet(long value);
}
