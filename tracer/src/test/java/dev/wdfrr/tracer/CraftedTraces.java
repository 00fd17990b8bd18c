package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.LockKind;

import java.nio.file.Path;
import java.util.Map;

/**
 * Small traces made to cost an analysis as much as possible, written afresh by each test with
 * the tracer's own writer: the inputs an attacker (or a bug) would make, not the ones a run makes.
 * Sizes scale with {@code -Dwdfrr.crafted.scale} (1 in CI).
 */
final class CraftedTraces {
    static final int SCALE = Integer.getInteger("wdfrr.crafted.scale", 1);
    private static final int DRIVER_THREAD = 1;
    private static final int ISR_THREAD = 2;
    private static final int DPC_THREAD = 3;
    private static final int WORKER = 4;
    private static final int INTERRUPT = 10;
    private static final int ITEM = 11;

    private final TraceWriter w;
    private long seq;
    private long time;

    private CraftedTraces(Path dir) {
        w = TraceWriter.create(dir, false);
        w.begin(new RunInfo("0.1", "crafted", "test", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 0, 0, "jvm", "os"));
    }

    private void e(EventType type, int thread, int cpu, int object, int related, long arg) {
        w.event(seq++, time += 10, type.id(), thread, cpu, 2, object, related, arg);
    }

    /**
     * {@code interrupts} interrupts whose ISRs all queue one DPC; that DPC run then enqueues a
     * work item {@code callbacks} times, each callback starting and ending in between, so each
     * enqueue is queued. Following every interrupt into every callback makes interrupts ×
     * callbacks samples; each interrupt has one.
     */
    static Path oneDpcManyInterruptsManyCallbacks(Path dir, int interrupts, int callbacks) {
        CraftedTraces t = new CraftedTraces(dir);
        for (int i = 0; i < interrupts; i++) {
            t.e(EventType.INTERRUPT, DRIVER_THREAD, -1, INTERRUPT, 0, 0);
            t.e(EventType.ISR_START, ISR_THREAD, 0, INTERRUPT, 0, 0);
            t.e(EventType.DPC_QUEUE, ISR_THREAD, 0, INTERRUPT, 0, i == 0 ? 1 : 0);
            t.e(EventType.ISR_END, ISR_THREAD, 0, INTERRUPT, 0, 1);
        }
        t.e(EventType.DPC_START, DPC_THREAD, 0, INTERRUPT, 0, 0);
        for (int c = 1; c <= callbacks; c++) {
            t.e(EventType.ENQUEUE, DPC_THREAD, 0, ITEM, 0, 1);
            t.e(EventType.CALLBACK_START, WORKER, -1, ITEM, 0, c);
            t.e(EventType.CALLBACK_END, WORKER, -1, ITEM, 0, c);
        }
        t.e(EventType.DPC_END, DPC_THREAD, 0, INTERRUPT, 0, 0);
        t.w.close();
        return dir;
    }

    /**
     * One thread takes {@code locks} spin locks and keeps them; another runs {@code callbacks}
     * callbacks. A check that looks at every held lock when a callback returns does
     * locks × callbacks work.
     */
    static Path manyHeldLocksManyFrames(Path dir, int locks, int callbacks) {
        CraftedTraces t = new CraftedTraces(dir);
        for (int l = 0; l < locks; l++) {
            t.e(EventType.LOCK_ACQUIRE, DRIVER_THREAD, -1, 1000 + l, 0, LockKind.SPIN.id());
        }
        for (int c = 1; c <= callbacks; c++) {
            t.e(EventType.CALLBACK_START, WORKER, -1, ITEM, 0, c);
            t.e(EventType.CALLBACK_END, WORKER, -1, ITEM, 0, c);
        }
        t.w.close();
        return dir;
    }

    /** {@code threads} events, each on a thread id of its own. */
    static Path distinctThreads(Path dir, int threads) {
        CraftedTraces t = new CraftedTraces(dir);
        for (int i = 0; i < threads; i++) {
            t.e(EventType.MARK, 100 + i, -1, 0, 0, i);
        }
        t.w.close();
        return dir;
    }

    /** {@code depth} ISRs opened inside one another on one thread and never ended. */
    static Path nestedFrames(Path dir, int depth) {
        CraftedTraces t = new CraftedTraces(dir);
        for (int i = 0; i < depth; i++) {
            t.e(EventType.ISR_START, ISR_THREAD, 0, INTERRUPT + i, 0, 0);
        }
        t.w.close();
        return dir;
    }
}
