package dev.wdfrr.bench;

import dev.wdfrr.viewer.OffscreenTimeline;
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

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The viewer on a 10M-event NIC-shaped trace ({@link TraceReadBenchmark#writeNicShaped}).
 * <ul>
 *   <li>Open: load the whole trace into the viewer's model and paint the first frame (all of
 *   it, 1600 × 900, offscreen). Baseline: the trace reader visiting every event, building
 *   nothing. Run without warm-up in fresh forks ({@code -wi 0 -i 1 -f 3}) it is the first open
 *   of a cold JVM, as a user sees it.</li>
 *   <li>Repaint: one zoom or pan step, then a frame. Baseline: clearing the same frame.</li>
 *   <li>Heap: the loaded model's bytes per event after a full GC, printed by the setup of the
 *   repaint benchmarks, beside the baseline of the trace's own files per event.</li>
 * </ul>
 * Targets: open with first paint ≤ 3 s, repaint ≤ 50 ms median, heap ≤ 40 bytes/event.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Djava.awt.headless=true", Jvm.O1, Jvm.O2, Jvm.O3, Jvm.O4, Jvm.O5, Jvm.O6,
        Jvm.E1, Jvm.E2, Jvm.E3, Jvm.E4, Jvm.NO_ANALYTICS})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ViewerBenchmark {
    static final int WIDTH = 1600;
    static final int HEIGHT = 900;
    /** Zoom in this many steps, then back out: every zoom level from the whole trace down to a few microseconds. */
    static final int ZOOM_STEPS = 24;

    /** The trace, written once per trial. */
    @State(Scope.Benchmark)
    public static class TraceFile {
        @Param("10000000")
        public int events;

        Path dir;
        Path trace;

        @Setup(Level.Trial)
        public void write() {
            dir = Files2.tempDir("wdfrr-bench-viewer");
            trace = dir.resolve("t");
            TraceReadBenchmark.writeNicShaped(trace, events);
        }

        @TearDown(Level.Trial)
        public void delete() {
            Files2.deleteTree(dir);
        }
    }

    /** The trace loaded once, its heap measured, and a frame to paint into. */
    @State(Scope.Benchmark)
    public static class Loaded {
        OffscreenTimeline timeline;
        BufferedImage frame;
        Graphics2D g;
        int step;

        @Setup(Level.Trial)
        public void load(TraceFile file) {
            long before = heapAfterGc();
            timeline = OffscreenTimeline.load(file.trace);
            long after = heapAfterGc();
            double perEvent = (after - before) / (double) timeline.events();
            System.out.printf("%n# viewer model: %.1f bytes/event on the heap after GC (%d events, %.0f MB);"
                            + " the trace's files: %.1f bytes/event%n", perEvent, timeline.events(), (after - before) / 1e6,
                    filesSize(file.trace) / (double) timeline.events());
            LatencyLog.writeLine("viewer-10M", "heap-bytes-per-event-x10", timeline.events(), Math.round(perEvent * 10));
            frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            g = frame.createGraphics();
        }

        @TearDown(Level.Trial)
        public void release() {
            g.dispose();
        }
    }

    /** Bytes of the trace's queue files. */
    static long filesSize(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".cq4")).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Baseline of open: the reader decodes every event, nothing is built. */
    @Benchmark
    public long readAllEvents(TraceFile file) {
        return TraceReadBenchmark.readAll(file.trace);
    }

    /** Open: the whole model, then the first frame of the whole trace. */
    @Benchmark
    public long openAndFirstPaint(TraceFile file) {
        OffscreenTimeline t = OffscreenTimeline.load(file.trace);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        t.paint(g2, WIDTH, HEIGHT);
        g2.dispose();
        return t.events() + img.getRGB(WIDTH / 2, HEIGHT / 2);
    }

    /** Baseline of repaint: clearing the frame. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int clearFrame(Loaded s) {
        s.g.setColor(Color.WHITE);
        s.g.fillRect(0, 0, WIDTH, HEIGHT);
        return s.frame.getRGB(WIDTH / 2, HEIGHT / 2);
    }

    /** Repaint: one step of a zoom in and back out around the middle, panning a little every step, then a frame. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int zoomPanRepaint(Loaded s) {
        int k = s.step++ % (2 * ZOOM_STEPS);
        s.timeline.zoom(k < ZOOM_STEPS ? 0.6 : 1 / 0.6);
        s.timeline.pan(k % 2 == 0 ? 0.1 : -0.1);
        s.timeline.paint(s.g, WIDTH, HEIGHT);
        return s.frame.getRGB(WIDTH / 2, HEIGHT / 2);
    }
}
