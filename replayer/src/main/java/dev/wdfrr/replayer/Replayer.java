package dev.wdfrr.replayer;

import dev.wdfrr.replayer.internal.ReplaySession;
import dev.wdfrr.replayer.strategy.ReplayStrategy;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TraceReader;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Re-runs a recorded trace's scenario under the deterministic engine, forcing the recorded
 * order: which thread runs next, so which worker takes which work item and which CPU runs which
 * DPC; interrupts arrive in the recorded order; virtual time follows the recorded timestamps
 * (so a thread waiting for time is always ready when the recording says it ran). It works for traces
 * of both engines. The first event that cannot be matched stops the run with a report; a step
 * limit bounds a replay that wanders. A recording cut short (stopped by a signal, or its writer
 * killed: no run_end) replays up to its last event, and the replay stops there.
 */
public final class Replayer {
    private Replayer() {
    }

    /** Options of one replay. */
    public record Options(EventSink output, long stepLimit, ProgressListener progress) {
        public static Options defaults() {
            return new Options(null, -1, ProgressListener.NONE);
        }

        public Options output(EventSink sink) {
            return new Options(sink, stepLimit, progress);
        }

        public Options progress(ProgressListener listener) {
            return new Options(output, stepLimit, listener);
        }

        public Options stepLimit(long steps) {
            return new Options(output, steps, progress);
        }
    }

    /**
     * Replays {@code trace}.
     *
     * @param scenarios makes a fresh instance of the recorded scenario from the header (built-in
     *                  or loaded from an explicit classpath: the caller decides)
     * @throws dev.wdfrr.tracer.TraceException when the trace cannot be read
     */
    public static ReplayResult replay(Path trace, Function<TraceHeader, Scenario> scenarios, Options options) {
        // Reading the whole trace once more is only worth it to draw a progress bar.
        long total = options.progress() == ProgressListener.NONE ? -1 : countEvents(trace);
        try (TraceReader recorded = TraceReader.open(trace)) {
            TraceHeader h = recorded.header();
            boolean live = h.engine() == EngineKind.LIVE;
            ReplaySession session = new ReplaySession(recorded, !live);
            Scenario scenario = scenarios.apply(h);
            EventSink checker = session.checker();
            EventSink progress = progressSink(options.progress(), total);
            EventSink sink = EventSink.tee(checker, progress);
            if (options.output() != null) {
                sink = EventSink.tee(sink, options.output());
            }
            long limit = options.stepLimit() > 0 ? options.stepLimit() : defaultStepLimit(total, trace);
            RunConfig.Builder config = RunConfig.builder().engine(EngineKind.DETERMINISTIC).workers(h.workers())
                    .cpus(h.cpus()).seed(h.seed()).durationNanos(Math.max(1, h.durationNanos())).callSites(h.callSites())
                    .strategy(new ReplayStrategy(session)).stepLimit(limit).sink(sink).arrivalLimit(h.arrivalLimit())
                    .followClock(session::nextTime);
            RunResult run = WdfRunner.run(scenario, Parameters.of(scenario, h.parameters()), config.build());
            if (run.cause() instanceof dev.wdfrr.tracer.TraceException unreadable) {
                throw unreadable; // the recording broke off mid-replay: corrupt, not a divergence
            }
            if (run.failure() != FailureKind.DIVERGED) {
                session.runEnded(run.passed() ? "passed" : run.summary());
            }
            boolean reproduced = !session.diverged() && session.exhausted();
            return new ReplayResult(h, reproduced, session.consumed(), run, session.divergence(), session.divergenceIndex(),
                    session.cutShort());
        }
    }

    /**
     * Enough steps for a faithful replay (a few per recorded event), bounded so that a replay that
     * wanders stops. Without a count at hand, the trace's size on disk bounds its events.
     */
    private static long defaultStepLimit(long events, Path trace) {
        if (events < 0) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(trace)) {
                events = files.mapToLong(p -> p.toFile().length()).sum() / 4; // a record is at least 4 bytes
            } catch (java.io.IOException e) {
                events = 10_000_000;
            }
        }
        return events * 8 + 100_000;
    }

    private static long countEvents(Path trace) {
        try (TraceReader r = TraceReader.open(trace)) {
            var c = new dev.wdfrr.tracer.EventCursor();
            long n = 0;
            while (r.next(c)) {
                n++;
            }
            return n;
        }
    }

    private static EventSink progressSink(ProgressListener listener, long total) {
        if (listener == ProgressListener.NONE) {
            return EventSink.discard();
        }
        return new EventSink() {
            private long n;

            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
                tick();
            }

            @Override
            public void name(long seq, long time, int thread, dev.wdfrr.runtime.event.NameKind kind, int id, String text) {
                tick();
            }

            private void tick() {
                if ((++n & 0xfff) == 0 || n == total) {
                    listener.progress(n, total, "events");
                }
            }
        };
    }
}
