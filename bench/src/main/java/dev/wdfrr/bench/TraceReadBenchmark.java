package dev.wdfrr.bench;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import dev.wdfrr.tracer.TraceWriter;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reading a 10M-event trace: the streaming reader (decoding every event), {@code stats} on it,
 * and the baseline: Chronicle's tailer visiting the same excerpts without decoding anything.
 * The trace is synthetic but shaped like a NIC run: ISR, DPC, enqueue, callback, lock and
 * register events in the proportions the scenario produces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", Jvm.O1, Jvm.O2, Jvm.O3, Jvm.O4, Jvm.O5, Jvm.O6, Jvm.E1, Jvm.E2, Jvm.E3, Jvm.E4, Jvm.NO_ANALYTICS})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class TraceReadBenchmark {
    @Param("10000000")
    public int events;

    Path dir;
    Path trace;

    @Setup(Level.Trial)
    public void write() {
        dir = Files2.tempDir("wdfrr-bench-read");
        trace = dir.resolve("t");
        writeNicShaped(trace, events);
    }

    /**
     * The same events written by two threads at once through the concurrent writer, each
     * taking alternate runs of 16 numbers: a trace of two lanes the reader has to merge.
     */
    @State(Scope.Benchmark)
    public static class LaneTrace {
        Path dir;
        Path trace;

        @Setup(Level.Trial)
        public void write(TraceReadBenchmark outer) throws InterruptedException {
            dir = Files2.tempDir("wdfrr-bench-read-lanes");
            trace = dir.resolve("t");
            try (TraceWriter w = TraceWriter.concurrent(trace, false)) {
                w.begin(new RunInfo("bench", "nic", "bench", Map.of(), EngineKind.LIVE, 1, "live", 2, 2, 1, 0, "jvm", "os"));
                Thread[] writers = new Thread[2];
                for (int lane = 0; lane < 2; lane++) {
                    int mine = lane;
                    writers[lane] = new Thread(() -> writeNicShaped(w, outer.events, s -> (s >> 4 & 1) == mine));
                    writers[lane].start();
                }
                for (Thread t : writers) {
                    t.join(TimeUnit.MINUTES.toMillis(10));
                }
            }
        }

        @TearDown(Level.Trial)
        public void delete() {
            Files2.deleteTree(dir);
        }
    }

    /** Writes a trace of {@code n} events cycling through one NIC request's event sequence. */
    static void writeNicShaped(Path trace, int n) {
        try (TraceWriter w = TraceWriter.create(trace, false)) {
            w.begin(new RunInfo("bench", "nic", "bench", Map.of(), EngineKind.LIVE, 1, "live", 2, 2, 1, 0, "jvm", "os"));
            writeNicShaped(w, n, s -> true);
        }
    }

    /** The events numbered below {@code n} that {@code mine} selects, in order. */
    private static void writeNicShaped(TraceWriter w, int n, java.util.function.LongPredicate mine) {
        EventType[] cycle = {EventType.ARRIVAL, EventType.FIFO_PUSH, EventType.REG_WRITE, EventType.INTERRUPT,
                EventType.ISR_START, EventType.REG_READ, EventType.REG_WRITE, EventType.DPC_QUEUE, EventType.ISR_END,
                EventType.DPC_START, EventType.LOCK_ACQUIRE, EventType.FIFO_POP, EventType.LOCK_RELEASE, EventType.ENQUEUE,
                EventType.DPC_END, EventType.CALLBACK_START, EventType.LOCK_ACQUIRE, EventType.LOCK_RELEASE, EventType.CALLBACK_END};
        int[] threads = {5, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 3, 3, 3, 3};
        for (int i = 0; i < 8; i++) {
            if (mine.test(i)) {
                w.name(i, 0, 0, NameKind.THREAD, i, "thread-" + i);
            }
        }
        long time = 0;
        long instance = 0;
        for (long s = 8; s < n; s++) {
            int k = (int) (s % cycle.length);
            time += 150 + (s * 7919 % 400);
            EventType t = cycle[k];
            long arg = t == EventType.CALLBACK_START || t == EventType.CALLBACK_END ? instance : t == EventType.ENQUEUE
                    || t == EventType.DPC_QUEUE || t == EventType.ISR_END ? 1 : s;
            if (t == EventType.CALLBACK_END) {
                instance++;
            }
            int object = t == EventType.ENQUEUE || t.name().startsWith("CALLBACK") ? 4
                    : t == EventType.INTERRUPT || t.name().startsWith("ISR") || t.name().startsWith("DPC") ? 8 : 6;
            if (mine.test(s)) {
                w.event(s, time, t.id(), threads[k], threads[k] == 3 ? -1 : 0, 0, object, t == EventType.INTERRUPT ? 6 : 0,
                        t == EventType.INTERRUPT ? 0 : arg);
            }
            if (t == EventType.CALLBACK_END) {
                instance++;
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        Files2.deleteTree(dir);
    }

    @Benchmark
    public long chronicleTailerOnly() {
        long n = 0;
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(trace).readOnly(true).build();
             ExcerptTailer t = q.createTailer()) {
            for (;;) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n += dc.wire().bytes().readRemaining();
                }
            }
        }
    }

    @Benchmark
    public long readAllEvents() {
        return readAll(trace);
    }

    @Benchmark
    public long readAllEventsFromTwoLanes(LaneTrace lanes) {
        return readAll(lanes.trace);
    }

    /** Decodes every event of the trace; returns a sum of type ids so that nothing is optimised away. */
    static long readAll(Path trace) {
        long n = 0;
        try (TraceReader r = TraceReader.open(trace)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                n += c.typeId();
            }
        }
        return n;
    }

    @Benchmark
    public long stats() {
        try (TraceReader r = TraceReader.open(trace)) {
            return TraceStats.of(r).events();
        }
    }
}
