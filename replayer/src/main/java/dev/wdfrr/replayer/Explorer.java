package dev.wdfrr.replayer;

import dev.wdfrr.replayer.internal.InterleavingHash;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.MemorySink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs schedules of a scenario under the deterministic engine, one strategy seed per schedule,
 * in memory. By default it stops at the first failure (invariant, exception, verifier
 * violation, deadlock, step limit); in keep-going mode it runs the whole budget and groups the
 * failures by signature ({@link FailureGroup}). Either way it reports what it covered
 * ({@link Coverage}). Schedules run on several threads; every figure it reports — the first
 * failure, the groups and their first schedules, the coverage — depends only on the seed and
 * the budget, never on how many threads ran.
 */
public final class Explorer {
    private Explorer() {
    }

    /**
     * How to explore.
     *
     * @param base      workers, CPUs, duration, jitter, seed of the scenario's inputs and step limit of each run
     * @param threads   schedules run at once (1 or more)
     * @param keepGoing run the whole budget and group the failures, instead of stopping at the first
     * @param each      hears every schedule as it ends (on the thread that ran it), or null
     */
    public record Options(Strategies.Kind strategy, int depth, long iterations, RunConfig base, int threads,
                          ProgressListener progress, boolean keepGoing, ScheduleListener each) {
        public Options {
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            if (depth < 1) {
                throw new IllegalArgumentException("depth must be at least 1, got " + depth);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        /** Stopping at the first failure. */
        public Options(Strategies.Kind strategy, int depth, long iterations, RunConfig base, int threads,
                       ProgressListener progress) {
            this(strategy, depth, iterations, base, threads, progress, false, null);
        }

        /** The same, with keep-going mode on or off. */
        public Options keepGoing(boolean on) {
            return new Options(strategy, depth, iterations, base, threads, progress, on, each);
        }

        /** The same, telling {@code listener} about every schedule. */
        public Options onEachSchedule(ScheduleListener listener) {
            return new Options(strategy, depth, iterations, base, threads, progress, keepGoing, listener);
        }
    }

    /** Hears each schedule as it ends: to keep every trace, say. Called on the exploring threads. */
    @FunctionalInterface
    public interface ScheduleListener {
        /**
         * @param schedule its number (0-based)
         * @param strategy the strategy's description
         */
        void ended(long schedule, String strategy, RunResult result, MemorySink events);
    }

    /** A failing schedule: its number (0-based), the strategy that produced it, the result and every event. */
    public record Found(long schedule, String strategy, RunResult result, MemorySink events, long strategySeed) {
    }

    /**
     * The outcome.
     *
     * @param failure       the first failure (the lowest-numbered), or null
     * @param schedules     schedules run
     * @param expectedSteps the run length PCT's change points were drawn over (see {@link Strategies#create})
     * @param groups        failures by signature, in the order of their first schedule (empty when none failed)
     * @param coverage      what the schedules up to the first failure (or all of them) covered
     */
    public record Result(Found failure, long schedules, long elapsedNanos, long expectedSteps, List<FailureGroup> groups,
                         Coverage coverage) {
        /** Schedules that failed: all of them in keep-going mode, else 0 or 1. */
        public long failures() {
            return groups.stream().mapToLong(FailureGroup::count).sum();
        }
    }

    /** The strategy seed of schedule {@code i} of an exploration seeded with {@code seed}. */
    public static long strategySeed(long seed, long i) {
        return seed * 1_000_003L + i;
    }

    public static Result explore(Supplier<Scenario> scenarios, Map<String, String> params, Options o) {
        long t0 = System.nanoTime();
        long seed = o.base().seed();
        long expectedSteps = o.strategy().needsSteps() ? calibrate(scenarios, params, o.base(), o.strategy()) : 0;
        Lanes lanes = new Lanes(o);
        Thread[] workers = new Thread[o.threads()];
        CarrierPool[] pools = new CarrierPool[workers.length];
        for (int w = 0; w < workers.length; w++) {
            int lane = w;
            CarrierPool carriers = pools[w] = new CarrierPool("wdfrr-explore-" + w);
            // A lane runs on its pool's kind of thread (and carrier): on virtual threads, handing the
            // baton to a run and getting it back are continuation switches.
            workers[w] = carriers.newDriver("wdfrr-explore-" + w, () -> {
                try {
                    // Per lane, not per schedule: the parameters (the same for every run), and one
                    // sink and one fingerprint reused while the runs pass; a run kept (a failure, a
                    // listener's) takes its sink along and the lane starts a new one.
                    Parameters parameters = null;
                    MemorySink sink = new MemorySink();
                    InterleavingHash hash = new InterleavingHash();
                    for (long i = lane; i < o.iterations() && i < lanes.best.get(); i += workers.length) {
                        long s = strategySeed(seed, i);
                        Strategy strategy = Strategies.create(o.strategy(), s, o.depth(), Math.max(1, expectedSteps));
                        Scenario scenario = scenarios.get();
                        if (parameters == null) {
                            parameters = Parameters.of(scenario, params);
                        }
                        // Searching needs no call sites (a stack walk per access); the witness run records them.
                        RunResult r = WdfRunner.run(scenario, parameters, o.base().toBuilder()
                                .strategy(strategy).sink(EventSink.tee(sink, hash)).carriers(carriers).callSites(false).build());
                        lanes.ran(i, hash.value());
                        hash.reset();
                        boolean kept = o.each() != null || !r.passed();
                        if (o.each() != null) {
                            o.each().ended(i, strategy.describe(), r, sink);
                        }
                        if (!r.passed()) {
                            lanes.failed(new Found(i, strategy.describe(), r, sink, s));
                        }
                        if (kept) {
                            sink = new MemorySink();
                        } else {
                            sink.clear();
                        }
                    }
                } catch (RuntimeException | Error e) {
                    lanes.error.compareAndSet(null, e);
                    lanes.best.set(-1);
                }
            });
            workers[w].start();
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exploring", e);
        } finally {
            for (CarrierPool p : pools) {
                p.close();
            }
        }
        Throwable error = lanes.error.get();
        if (error instanceof Error e) {
            throw e;
        } else if (error != null) {
            throw (RuntimeException) error;
        }
        o.progress().progress(lanes.done.get(), o.iterations(), "schedules");
        Found first = lanes.first();
        long counted = o.keepGoing() || first == null ? o.iterations() : first.schedule() + 1;
        List<FailureGroup> groups = lanes.groups();
        if (o.base().callSites() && first != null) {
            Map<Long, Found> witnessed = new HashMap<>();
            java.util.function.Function<Found, Found> witness = f -> witnessed.computeIfAbsent(f.schedule(),
                    k -> witness(f, scenarios, params, o, expectedSteps));
            first = witness.apply(first);
            groups = groups.stream().map(g -> new FailureGroup(g.signature(), g.count(), witness.apply(g.first()))).toList();
        }
        return new Result(first, lanes.done.get(), System.nanoTime() - t0, expectedSteps, groups,
                lanes.coverage.upTo(counted));
    }

    /**
     * A failing schedule once more, with call sites: the same strategy and seed make the same
     * schedule, now with the lines of driver code that the race report and the trace name.
     */
    private static Found witness(Found f, Supplier<Scenario> scenarios, Map<String, String> params, Options o, long expectedSteps) {
        MemorySink sink = new MemorySink();
        Scenario scenario = scenarios.get();
        Strategy strategy = Strategies.create(o.strategy(), f.strategySeed(), o.depth(), Math.max(1, expectedSteps));
        RunResult r = WdfRunner.run(scenario, Parameters.of(scenario, params), o.base().toBuilder().strategy(strategy).sink(sink).build());
        return r.failure() == f.result().failure() ? new Found(f.schedule(), f.strategy(), r, sink, f.strategySeed()) : f;
    }

    /** What the exploring threads share: the budget's cut-off, failures, counts and fingerprints. */
    private static final class Lanes {
        final Options options;
        /** Schedules from this number on need not run: the first failure's, when stopping at it. */
        final AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong done = new AtomicLong();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final Coverage.Tally coverage = new Coverage.Tally();
        /** Signature → [count, first]; guarded by itself. */
        private final Map<String, Object[]> groups = new HashMap<>();
        private Found first;

        Lanes(Options options) {
            this.options = options;
        }

        void ran(long schedule, long fingerprint) {
            coverage.add(schedule, fingerprint);
            long n = done.incrementAndGet();
            if ((n & 63) == 0) {
                options.progress().progress(n, options.iterations(), "schedules");
            }
        }

        void failed(Found f) {
            String signature = FailureGroup.signatureOf(f.result(), f.events());
            synchronized (groups) {
                if (first == null || f.schedule() < first.schedule()) {
                    first = f;
                    if (!options.keepGoing()) {
                        best.set(f.schedule());
                    }
                }
                Object[] g = groups.computeIfAbsent(signature, k -> new Object[]{0L, f});
                g[0] = (Long) g[0] + 1;
                if (f.schedule() < ((Found) g[1]).schedule()) {
                    g[1] = f;
                }
            }
        }

        Found first() {
            synchronized (groups) {
                return first;
            }
        }

        /**
         * The groups, first schedule first. When stopping at the first failure, schedules after it
         * that other threads happened to run are left out, so the answer does not depend on them.
         */
        List<FailureGroup> groups() {
            synchronized (groups) {
                List<FailureGroup> out = new ArrayList<>();
                for (Map.Entry<String, Object[]> e : groups.entrySet()) {
                    Found f = (Found) e.getValue()[1];
                    if (options.keepGoing()) {
                        out.add(new FailureGroup(e.getKey(), (Long) e.getValue()[0], f));
                    } else if (f == first) {
                        out.add(new FailureGroup(e.getKey(), 1, f));
                    }
                }
                out.sort(Comparator.comparingLong(g -> g.first().schedule()));
                return List.copyOf(out);
            }
        }
    }

    /**
     * Steps of one random schedule: how long a run is, for PCT's change points — counting only
     * the steps with two or more enabled threads when the strategy does.
     */
    private static long calibrate(Supplier<Scenario> scenarios, Map<String, String> params, RunConfig base,
                                  Strategies.Kind kind) {
        Scenario s = scenarios.get();
        CountingRandom counter = new CountingRandom(base.seed());
        RunResult r = WdfRunner.run(s, Parameters.of(s, params), base.toBuilder().strategy(counter)
                .sink(EventSink.discard()).callSites(false).build());
        return Math.max(16, kind.countsChoices() ? counter.choices : r.steps());
    }

    /** Random, counting the steps that had a choice. */
    private static final class CountingRandom implements Strategy {
        private final RandomStrategy random;
        long choices;

        CountingRandom(long seed) {
            random = new RandomStrategy(seed);
        }

        @Override
        public int pick(List<? extends ThreadView> enabled, long step) {
            if (enabled.size() > 1) {
                choices++;
            }
            return random.pick(enabled, step);
        }

        @Override
        public String describe() {
            return random.describe();
        }
    }
}
