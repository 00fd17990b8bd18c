package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunInfo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a hand-made trace event by event, for tests that need an exact sequence: every call
 * returns the sequence number of the event it wrote. {@link #standard} names the usual threads
 * and creates a device with a work item, an interrupt and two locks.
 */
final class HandTrace {
    static final int MAIN = 1;
    static final int WORKER0 = 2;
    static final int WORKER1 = 3;
    static final int CPU0 = 4;
    static final int ISR0 = 5;
    static final int DEVICE_THREAD = 6;

    static final int DRIVER = 1;
    static final int DEVICE = 2;
    static final int CALLBACK_LOCK = 3;
    static final int SPIN = 4;
    static final int ITEM = 5;
    static final int WAIT = 6;
    static final int VDEVICE = 7;
    static final int INTERRUPT = 8;

    private final TraceWriter writer;
    private final Path dir;
    private long seq;
    private int strings;
    private long now;

    private HandTrace(Path dir) {
        this.dir = dir;
        this.writer = TraceWriter.create(dir, false);
        writer.begin(new RunInfo("test", "hand", "none", Map.of(), EngineKind.DETERMINISTIC, 7, "hand", 2, 1, 1, 0, "jvm", "os"));
    }

    /** Threads main, worker-0, worker-1, cpu-0, isr-0, device; device #2 with item 'w' #5, spin lock #4, wait lock #6, interrupt #8. */
    static HandTrace standard(Path dir) {
        HandTrace t = new HandTrace(dir);
        t.thread(0, "runtime").thread(MAIN, "main").thread(WORKER0, "worker-0").thread(WORKER1, "worker-1")
                .thread(CPU0, "cpu-0").thread(ISR0, "isr-0").thread(DEVICE_THREAD, "device");
        t.object(DRIVER, "driver").create(DRIVER, 0, ObjectKind.DRIVER);
        t.object(DEVICE, "dev0").object(CALLBACK_LOCK, "dev0.callback-lock").create(DEVICE, DRIVER, ObjectKind.DEVICE);
        t.object(SPIN, "spin").create(SPIN, DEVICE, ObjectKind.SPIN_LOCK);
        t.object(WAIT, "wait").create(WAIT, DEVICE, ObjectKind.WAIT_LOCK);
        t.object(VDEVICE, "hw").create(VDEVICE, 0, ObjectKind.VIRTUAL_DEVICE);
        t.object(INTERRUPT, "int").create(INTERRUPT, DEVICE, ObjectKind.INTERRUPT);
        t.object(ITEM, "w");
        t.ev(EventType.WORKITEM_CREATE, MAIN, Irql.PASSIVE, ITEM, DEVICE, 0);
        return t;
    }

    /** A trace with only a header and thread names. */
    static HandTrace bare(Path dir) {
        HandTrace t = new HandTrace(dir);
        t.thread(0, "runtime").thread(MAIN, "main").thread(WORKER0, "worker-0").thread(WORKER1, "worker-1")
                .thread(CPU0, "cpu-0").thread(ISR0, "isr-0").thread(DEVICE_THREAD, "device");
        return t;
    }

    HandTrace thread(int id, String name) {
        writer.name(seq++, now, 0, NameKind.THREAD, id, name);
        return this;
    }

    HandTrace object(int id, String name) {
        writer.name(seq++, now, MAIN, NameKind.OBJECT, id, name);
        return this;
    }

    HandTrace create(int id, int parent, ObjectKind kind) {
        ev(EventType.OBJECT_CREATE, MAIN, Irql.PASSIVE, id, parent, kind.id());
        return this;
    }

    /** Advances the clock to {@code nanos} for the events that follow. */
    HandTrace at(long nanos) {
        now = nanos;
        return this;
    }

    long ev(EventType type, int thread, Irql irql, int object, int related, long arg) {
        int cpu = thread == CPU0 || thread == ISR0 ? 0 : -1;
        writer.event(seq, now, type.id(), thread, cpu, irql.ordinal(), object, related, arg);
        return seq++;
    }

    long enqueue(int thread, Irql irql, int item) {
        return ev(EventType.ENQUEUE, thread, irql, item, 0, 1);
    }

    long callbackStart(int thread, int item, long instance) {
        return ev(EventType.CALLBACK_START, thread, Irql.PASSIVE, item, 0, instance);
    }

    long callbackEnd(int thread, int item, long instance) {
        return ev(EventType.CALLBACK_END, thread, Irql.PASSIVE, item, 0, instance);
    }

    long delete(int thread, Irql irql, int object, DeleteState state) {
        return ev(EventType.DELETE, thread, irql, object, 0, state.id());
    }

    /** The deletion's cascade reached {@code object} on {@code thread}; {@code waits}: for its callbacks first. */
    long rundown(int thread, int object, boolean waits) {
        return ev(EventType.RUNDOWN, thread, Irql.PASSIVE, object, 0, waits ? 1 : 0);
    }

    long acquire(int thread, Irql recorded, int lock, LockKind kind) {
        return ev(EventType.LOCK_ACQUIRE, thread, recorded, lock, 0, kind.id());
    }

    long release(int thread, Irql after, int lock, LockKind kind) {
        return ev(EventType.LOCK_RELEASE, thread, after, lock, 0, kind.id());
    }

    /** A violation event as the runtime writes it: the interned message, then the event. */
    long violation(int thread, Irql irql, Rule rule, int object, String message) {
        int id = ++strings;
        writer.name(seq++, now, thread, NameKind.STRING, id, rule.verifierName() + ": " + message);
        return ev(EventType.VIOLATION, thread, irql, object, id, rule.id());
    }

    /** A call site for the thread's next event, as the runtime writes it: the interned text, then the event. */
    HandTrace site(int thread, String text) {
        int id = ++strings;
        writer.name(seq++, now, thread, NameKind.SITE, id, text);
        ev(EventType.CALL_SITE, thread, Irql.PASSIVE, 0, id, 0);
        return this;
    }

    /** A plain read of a traced cell. */
    long read(int thread, int cell, long value) {
        return ev(EventType.MEM_READ, thread, Irql.PASSIVE, cell, 0, value);
    }

    /** A plain write of a traced cell. */
    long write(int thread, int cell, long value) {
        return ev(EventType.MEM_WRITE, thread, Irql.PASSIVE, cell, 0, value);
    }

    /** An interlocked increment: read and write in one step. */
    long interlockedIncrement(int thread, int cell, long old) {
        ev(EventType.MEM_READ, thread, Irql.PASSIVE, cell, EventType.ATOMIC, old);
        return ev(EventType.MEM_WRITE, thread, Irql.PASSIVE, cell, EventType.ATOMIC, old + 1);
    }

    /** Deletes the device (so that its work item is not leaked) and ends the run as passed. */
    long deleteDeviceAndEnd() {
        delete(MAIN, Irql.PASSIVE, DEVICE, DeleteState.IDLE);
        return ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, FailureKind.NONE.id());
    }

    /** Closes the trace: complete. */
    Path close() {
        writer.close();
        return dir;
    }

    /** Leaves the trace without its end mark, as a writer that died would. */
    Path abandon() {
        return dir;
    }
}
