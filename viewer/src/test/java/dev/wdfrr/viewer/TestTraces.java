package dev.wdfrr.viewer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceWriter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Traces for the viewer's tests: a hand-made one whose every span and latency is known, the committed samples, and fresh recordings. */
public final class TestTraces {
    /** The committed sample traces (the tests run in the module's directory). */
    public static final List<String> SAMPLES = List.of("nic", "dma", "sensor", "usb-reset", "echo", "toaster", "thermal");

    // Threads and objects of the hand-made trace.
    public static final int ISR0 = 1;
    public static final int CPU0 = 2;
    public static final int WORKER0 = 3;
    public static final int DEVICE = 4;
    public static final int MAIN = 5;
    public static final int INTERRUPT = 10;
    public static final int ITEM = 20;
    public static final int HARDWARE = 9;
    /** Rows of the hand-made trace's events. */
    public static final int ROW_INTERRUPT = 8;
    public static final int ROW_ISR_START = 9;
    public static final int ROW_DPC_QUEUE = 10;
    public static final int ROW_ISR_END = 11;
    public static final int ROW_DPC_START = 12;
    public static final int ROW_ENQUEUE_QUEUED = 13;
    public static final int ROW_ENQUEUE_COALESCED = 14;
    public static final int ROW_VIOLATION = 15;
    public static final int ROW_DPC_END = 16;
    public static final int ROW_CALLBACK_START = 17;
    public static final int ROW_CALLBACK_END = 18;
    public static final int ROW_DELETE = 19;
    public static final int ROW_LAST_ISR = 20;
    public static final int EVENTS = 21;

    private TestTraces() {
    }

    public static Path sample(String id) {
        return Path.of("..", "traces", id);
    }

    /**
     * One request through ISR (300 ns), DPC (500 ns), an enqueue that queues and one that
     * coalesces, a violation, the callback (4 µs), a delete; then an ISR that never ends.
     * Latencies: interrupt → DPC 1000, enqueue → start 900, interrupt → callback end 6000.
     */
    public static Path known(Path dir) {
        try (TraceWriter w = writer(dir)) {
            knownEvents(w, EVENTS);
        }
        return dir;
    }

    public static TraceWriter writer(Path dir) {
        TraceWriter w = TraceWriter.create(dir, false);
        w.begin(new RunInfo("test", "known", "c", Map.of(), EngineKind.DETERMINISTIC, 7, "s", 1, 1, 1, 0, "jvm", "os"));
        return w;
    }

    /** Writes the first {@code upTo} events of the hand-made trace. */
    public static void knownEvents(TraceWriter w, int upTo) {
        long[] seq = {0};
        Runnable[] events = {
            () -> w.name(seq[0]++, 0, 0, NameKind.THREAD, ISR0, "isr-0"),
            () -> w.name(seq[0]++, 0, 0, NameKind.THREAD, CPU0, "cpu-0"),
            () -> w.name(seq[0]++, 0, 0, NameKind.THREAD, WORKER0, "worker-0"),
            () -> w.name(seq[0]++, 0, 0, NameKind.THREAD, DEVICE, "device"),
            () -> w.name(seq[0]++, 0, 0, NameKind.THREAD, MAIN, "main"),
            () -> w.name(seq[0]++, 0, 0, NameKind.OBJECT, INTERRUPT, "nic-int"),
            () -> w.name(seq[0]++, 0, 0, NameKind.OBJECT, ITEM, "rx-work"),
            () -> w.name(seq[0]++, 0, 0, NameKind.STRING, 1, "KmdfIrql: something"),
            () -> ev(w, seq, 1000, EventType.INTERRUPT, DEVICE, -1, INTERRUPT, HARDWARE, 0),
            () -> ev(w, seq, 1100, EventType.ISR_START, ISR0, 0, INTERRUPT, 0, 0),
            () -> ev(w, seq, 1300, EventType.DPC_QUEUE, ISR0, 0, INTERRUPT, 0, 1),
            () -> ev(w, seq, 1400, EventType.ISR_END, ISR0, 0, INTERRUPT, 0, 1),
            () -> ev(w, seq, 2000, EventType.DPC_START, CPU0, 0, INTERRUPT, 0, 0),
            () -> ev(w, seq, 2100, EventType.ENQUEUE, CPU0, 0, ITEM, 0, 1),
            () -> ev(w, seq, 2200, EventType.ENQUEUE, CPU0, 0, ITEM, 0, 0),
            () -> ev(w, seq, 2300, EventType.VIOLATION, CPU0, 0, ITEM, 1, Rule.KMDF_IRQL.id()),
            () -> ev(w, seq, 2500, EventType.DPC_END, CPU0, 0, INTERRUPT, 0, 0),
            () -> ev(w, seq, 3000, EventType.CALLBACK_START, WORKER0, -1, ITEM, 0, 1),
            () -> ev(w, seq, 7000, EventType.CALLBACK_END, WORKER0, -1, ITEM, 0, 1),
            () -> ev(w, seq, 7500, EventType.DELETE, MAIN, -1, ITEM, 0, 0),
            () -> ev(w, seq, 8000, EventType.ISR_START, ISR0, 0, INTERRUPT, 0, 0),
        };
        for (int i = 0; i < upTo; i++) {
            events[i].run();
        }
    }

    private static void ev(TraceWriter w, long[] seq, long time, EventType type, int thread, int cpu, int object,
                           int related, long arg) {
        w.event(seq[0]++, time, type.id(), thread, cpu, 0, object, related, arg);
    }

    /** The committed failing sample: lost-update, seed 71, deterministic; its DPCs lose an update: reads at rows 51 and 53, writes at 56 and 58. */
    public static Path lostUpdate() {
        return sample("lost-update-failing");
    }

    /**
     * Records a buggy built-in scenario deterministically under seeds 1, 2, … until a run fails,
     * and returns that trace (the same one every time: the seeds are tried in order).
     */
    public static Path recordFailing(String scenario, Path dir) {
        Scenario probe = BuiltInScenarios.create(scenario).orElseThrow();
        for (long seed = 1; seed <= 500; seed++) {
            Path attempt = dir.resolveSibling(dir.getFileName() + "-seed" + seed);
            Scenario s = BuiltInScenarios.create(scenario).orElseThrow();
            var result = WdfRunner.run(s, Parameters.of(probe, Map.of()), RunConfig.builder().seed(seed)
                    .sink(TraceWriter.create(attempt, false)).build());
            if (!result.passed()) {
                return attempt;
            }
        }
        throw new AssertionError(scenario + " did not fail under seeds 1 to 500");
    }

    /** Records a built-in scenario deterministically (same seed, same events). */
    public static Path record(String scenario, long seed, String duration, Path dir) {
        Scenario s = BuiltInScenarios.create(scenario).orElseThrow();
        WdfRunner.run(s, Parameters.of(s, Map.of()), RunConfig.builder().seed(seed)
                .durationNanos(dev.wdfrr.runtime.Durations.parse(duration, "duration"))
                .sink(TraceWriter.create(dir, false)).build());
        return dir;
    }
}
