package dev.wdfrr.runtime.mem;

/**
 * A traced pointer of shared driver state (the current request, a buffer, a handle). Made by
 * {@link dev.wdfrr.runtime.WdfRuntime#refCell}, or null in an object context. Every call is a
 * scheduling point and traced with the identity of the object (0 for null, then 1, 2, … in the
 * order the run first stored each object), so a replay checks which object, not its contents.
 * Comparisons are by identity, as {@code InterlockedCompareExchangePointer} compares addresses.
 *
 * @param <T> what it points to
 */
public interface RefCell<T> {
    /** The cell's name in traces. */
    String name();

    /** A plain read. */
    T get();

    /** A plain write. */
    void set(T value);

    /** {@code InterlockedCompareExchangePointer}: sets {@code update} if the cell holds {@code expected} (identity); true if it did. */
    boolean compareAndSet(T expected, T update);

    /** {@code InterlockedExchangePointer}: sets {@code value}, returns what it held. */
    T getAndSet(T value);
}
