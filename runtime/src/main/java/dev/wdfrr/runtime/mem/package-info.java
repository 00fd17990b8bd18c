/**
 * Traced shared memory: the only state the deterministic engine interleaves besides device
 * registers and the runtime's own objects.
 *
 * <p><b>The shared-state rule.</b> The engine switches threads only at runtime calls. A plain
 * Java field that two threads of driver code share is never interleaved: every schedule reads
 * and writes it as if the threads took turns at the runtime calls around it, so a race on it can
 * never fail a run, and a test passes that should not. Keep shared state in a cell
 * ({@link dev.wdfrr.runtime.mem.LongCell}, {@link dev.wdfrr.runtime.mem.BooleanCell},
 * {@link dev.wdfrr.runtime.mem.RefCell}), in a device register, or under a runtime lock.
 *
 * <p>Each access to a cell is a scheduling point, and the value is read or written in the same
 * atomic step as its event ({@code mem_read}/{@code mem_write}, with the cell and the value),
 * after the thread is scheduled, never before. A replay checks every value. {@code get} and
 * {@code set} are plain accesses: two of them from different threads, one a write, not ordered by
 * a lock, an event or a hand-off, are a data race in the race report. The {@code compareAndSet},
 * {@code getAndAdd}-style calls are interlocked operations ({@code InterlockedCompareExchange},
 * {@code InterlockedExchangeAdd}, …): they never race each other and they synchronize.
 */
package dev.wdfrr.runtime.mem;
