package dev.wdfrr.runtime.mem;

/**
 * A traced flag of shared driver state (stopping, busy, armed). Made by
 * {@link dev.wdfrr.runtime.WdfRuntime#booleanCell}, or false in an object context. Every call is
 * a scheduling point and traced with its value (0 or 1); see the package documentation.
 */
public interface BooleanCell {
    /** The cell's name in traces. */
    String name();

    /** A plain read. */
    boolean get();

    /** A plain write. */
    void set(boolean value);

    /** Interlocked compare-exchange: sets {@code update} if the value is {@code expected}; true if it did. */
    boolean compareAndSet(boolean expected, boolean update);

    /** {@code InterlockedExchange}: sets {@code value}, returns the value before. */
    boolean getAndSet(boolean value);
}
