package dev.wdfrr.replayer;

import dev.wdfrr.replayer.internal.ReplaySession;
import dev.wdfrr.replayer.strategy.FollowingStrategy;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TraceReader;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Regression replays ("best-effort replay"): a saved schedule, typically of a failure, re-run
 * against code that may have changed since. Each schedule follows the recording while the code
 * matches it; from the first divergence on another strategy explores ({@link FollowingStrategy}).
 * When the code still matches the whole recording, one run reproduces the recorded outcome. So a
 * saved failing schedule of a bug that has been fixed passes, and fails again if the bug comes
 * back. The report says how far the recording matched.
 */
public final class GuidedReplay {
    private GuidedReplay() {
    }

    /**
     * How to go on after the divergence.
     *
     * @param then      the strategy that explores from the divergence on
     * @param depth     PCT's depth
     * @param schedules the most schedules to run (each follows the recording, then explores with its own seed)
     * @param seed      seed of the first; schedule i uses {@link Explorer#strategySeed}
     */
    public record Options(Strategies.Kind then, int depth, long schedules, long seed, ProgressListener progress) {
        public Options {
            if (schedules < 1) {
                throw new IllegalArgumentException("schedules must be at least 1, got " + schedules);
            }
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, got " + depth);
            }
        }
    }

    /** A failing schedule: its number, its strategy, its result and every event. */
    public record Failure(long schedule, String strategy, RunResult result, MemorySink events) {
    }

    /**
     * What the schedules found.
     *
     * @param recordedEvents events in the recording
     * @param matched        events the code reproduced before the first divergence (all of them when it never diverged)
     * @param divergence     the report of the first divergence, or null when the code matched the whole recording
     * @param schedules      schedules run
     * @param failure        the first failing schedule, or null
     */
    public record Result(TraceHeader header, long recordedEvents, long matched, String divergence, long schedules,
                         Failure failure) {
        /** True when the code reproduced every recorded event. */
        public boolean followedToTheEnd() {
            return divergence == null;
        }

        /** {@code the recording matched 1,234 of 2,000 events (61.7%)}. */
        public String matchSummary() {
            return String.format(java.util.Locale.ROOT, "the recording matched %,d of %,d events (%.1f%%)", matched, recordedEvents,
                    recordedEvents == 0 ? 100.0 : 100.0 * matched / recordedEvents);
        }
    }

    /**
     * Runs up to {@link Options#schedules()} guided schedules of {@code trace}, stopping at the first failure.
     *
     * @throws IllegalArgumentException for a recording of the live engine: its order follows
     *                                  recorded time, which a run that leaves it cannot
     * @throws dev.wdfrr.tracer.TraceException when the trace cannot be read
     */
    public static Result run(Path trace, Function<TraceHeader, Scenario> scenarios, Options o) {
        long total = count(trace);
        long expectedSteps = Math.max(16, total);
        long matched = -1;
        String divergence = null;
        TraceHeader header = null;
        long i = 0;
        for (; i < o.schedules(); i++) {
            try (TraceReader recorded = TraceReader.open(trace)) {
                header = recorded.header();
                if (header.engine() == EngineKind.LIVE) {
                    throw new IllegalArgumentException("guide mode follows recordings of the deterministic engine only; "
                            + trace + " was recorded live (replay it without --then)");
                }
                ReplaySession session = new ReplaySession(recorded, true);
                FollowingStrategy strategy = new FollowingStrategy(session,
                        Strategies.create(o.then(), Explorer.strategySeed(o.seed(), i), o.depth(), expectedSteps));
                MemorySink events = new MemorySink();
                Scenario scenario = scenarios.apply(header);
                RunConfig config = RunConfig.builder().engine(EngineKind.DETERMINISTIC).workers(header.workers())
                        .cpus(header.cpus()).seed(header.seed()).durationNanos(Math.max(1, header.durationNanos()))
                        .callSites(header.callSites())
                        .arrivalLimit(header.arrivalLimit()).strategy(strategy).stepLimit(total * 8 + 100_000)
                        .sink(EventSink.tee(session.checker(), events)).build();
                RunResult run = WdfRunner.run(scenario, Parameters.of(scenario, header.parameters()), config);
                if (run.cause() instanceof dev.wdfrr.tracer.TraceException unreadable) {
                    throw unreadable;
                }
                session.runEnded(run.passed() ? "passed" : run.summary());
                if (matched < 0) {
                    matched = session.diverged() ? session.divergenceIndex() : session.consumed();
                    divergence = session.divergence();
                }
                o.progress().progress(i + 1, o.schedules(), "schedules");
                if (!run.passed()) {
                    return new Result(header, total, matched, divergence, i + 1,
                            new Failure(i, strategy.describe(), run, events));
                }
                if (!session.diverged()) {
                    return new Result(header, total, matched, null, i + 1, null); // the same run every time
                }
            }
        }
        return new Result(header, total, matched, divergence, i, null);
    }

    private static long count(Path trace) {
        try (TraceReader r = TraceReader.open(trace)) {
            EventCursor c = new EventCursor();
            long n = 0;
            while (r.next(c)) {
                n++;
            }
            return n;
        }
    }
}
