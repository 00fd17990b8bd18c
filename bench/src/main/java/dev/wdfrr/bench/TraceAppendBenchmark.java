package dev.wdfrr.bench;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.tracer.TraceWriter;
import jdk.jfr.Recording;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cost of appending one event: the Chronicle trace writer against a JDK Flight Recorder custom
 * event with the same fields, committed in the same run, JFR configured as fast as it goes
 * (stack traces off, threshold 0). Two writers: the concurrent trace writer, each thread
 * taking its number from the shared counter and appending to its own lane, no lock (JFR, too,
 * writes to thread-local buffers, but keeps no total order); and, for comparison, the serial
 * writer called under one lock, as the live engine calls it under its kernel lock. Each
 * iteration writes a fresh trace, deleted afterwards.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", Jvm.O1, Jvm.O2, Jvm.O3, Jvm.O4, Jvm.O5, Jvm.O6, Jvm.E1, Jvm.E2, Jvm.E3, Jvm.E4, Jvm.NO_ANALYTICS})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TraceAppendBenchmark {

    /** The trace writer, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Chronicle {
        Path dir;
        TraceWriter writer;
        long seq;
        long time;
        final Object lock = new Object();

        @Setup(Level.Iteration)
        public void open() {
            dir = Files2.tempDir("wdfrr-bench-append");
            writer = TraceWriter.create(dir.resolve("t"), false);
            writer.begin(new RunInfo("bench", "bench", "bench", Map.of(), EngineKind.LIVE, 1, "live", 2, 2, 1, 0, "jvm", "os"));
            seq = 0;
        }

        @TearDown(Level.Iteration)
        public void close() {
            writer.close();
            Files2.deleteTree(dir);
        }

        void append() {
            long s = seq++;
            time += 37;
            writer.event(s, time, 10, (int) s & 7, -1, 0, 5 + ((int) s & 15), 0, s);
        }
    }

    /** The concurrent trace writer, shared by all benchmark threads, each appending to its own lane. */
    @State(Scope.Benchmark)
    public static class Lanes {
        Path dir;
        TraceWriter writer;

        @Setup(Level.Iteration)
        public void open() {
            dir = Files2.tempDir("wdfrr-bench-lanes");
            writer = TraceWriter.concurrent(dir.resolve("t"), false);
            writer.begin(new RunInfo("bench", "bench", "bench", Map.of(), EngineKind.LIVE, 1, "live", 2, 2, 1, 0, "jvm", "os"));
        }

        @TearDown(Level.Iteration)
        public void close() {
            writer.close();
            Files2.deleteTree(dir);
        }
    }

    /** A JFR recording with only our event enabled, as fast as JFR goes. */
    @State(Scope.Benchmark)
    public static class Jfr {
        Recording recording;
        Path dir;

        @Setup(Level.Iteration)
        public void start() {
            dir = Files2.tempDir("wdfrr-bench-jfr");
            recording = new Recording();
            recording.enable(JfrTraceEvent.class).withoutStackTrace().withThreshold(Duration.ZERO);
            recording.setToDisk(true);
            try {
                recording.setDestination(dir.resolve("r.jfr"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            recording.start();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            recording.stop();
            recording.close();
            Files2.deleteTree(dir);
        }
    }

    /** Per-thread counters for the JFR fields. */
    @State(Scope.Thread)
    public static class Counter {
        long seq;
        long time;
    }

    @Benchmark
    @Threads(1)
    public void chronicle1(Chronicle c) {
        c.append();
    }

    @Benchmark
    @Threads(2)
    public void chronicle2(Lanes l, Counter c) {
        long s = l.writer.nextSeq();
        c.time += 37;
        l.writer.event(s, c.time, 10, (int) s & 7, -1, 0, 5 + ((int) s & 15), 0, s);
    }

    @Benchmark
    @Threads(1)
    public void chronicleLanes1(Lanes l, Counter c) {
        chronicle2(l, c);
    }

    @Benchmark
    @Threads(2)
    public void chronicle2Locked(Chronicle c) {
        synchronized (c.lock) {
            c.append();
        }
    }

    @Benchmark
    @Threads(1)
    public void jfr1(Jfr j, Counter c) {
        commit(c);
    }

    @Benchmark
    @Threads(2)
    public void jfr2(Jfr j, Counter c) {
        commit(c);
    }

    private static void commit(Counter c) {
        JfrTraceEvent e = new JfrTraceEvent();
        long s = c.seq++;
        c.time += 37;
        e.seq = s;
        e.time = c.time;
        e.type = 10;
        e.thread = (int) s & 7;
        e.cpu = -1;
        e.irql = 0;
        e.object = 5 + ((int) s & 15);
        e.related = 0;
        e.arg = s;
        e.commit();
    }
}
