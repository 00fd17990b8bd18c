package dev.wdfrr.replayer;

import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.WdfRunner;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs schedules of a scenario under the deterministic engine, one strategy seed per schedule,
 * until one fails (invariant, exception, verifier violation, deadlock, step limit). Schedules
 * run on several threads; the failure reported is always the lowest-numbered one, so the
 * result does not depend on how many threads ran.
 */
public final class Explorer {
    private Explorer() {
    }

    /**
     * How to explore.
     *
     * @param base       workers, CPUs, duration, seed of the scenario's inputs and step limit of each run
     * @param threads    schedules run at once (1 or more)
     */
    public record Options(Strategies.Kind strategy, int depth, long iterations, RunConfig base, int threads,
                          ProgressListener progress) {
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
    }

    /** A failing schedule: its number, the strategy that produced it, the result and every event. */
    public record Found(long schedule, String strategy, RunResult result, MemorySink events, long strategySeed) {
    }

    /** The outcome: the first failure, or null, and how many schedules ran. */
    public record Result(Found failure, long schedules, long elapsedNanos, long expectedSteps) {
    }

    /** The strategy seed of schedule {@code i} of an exploration seeded with {@code seed}. */
    public static long strategySeed(long seed, long i) {
        return seed * 1_000_003L + i;
    }

    public static Result explore(Supplier<Scenario> scenarios, Map<String, String> params, Options o) {
        long t0 = System.nanoTime();
        long seed = o.base().seed();
        long expectedSteps = Math.max(16, calibrate(scenarios, params, o.base()));
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        AtomicReference<Found> found = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        Thread[] workers = new Thread[o.threads()];
        for (int w = 0; w < workers.length; w++) {
            int lane = w;
            workers[w] = new Thread(() -> {
                try (dev.wdfrr.runtime.engine.CarrierPool carriers = new dev.wdfrr.runtime.engine.CarrierPool("wdfrr-explore-" + lane)) {
                    for (long i = lane; i < o.iterations() && i < best.get(); i += workers.length) {
                        long s = strategySeed(seed, i);
                        Strategy strategy = Strategies.create(o.strategy(), s, o.depth(), expectedSteps);
                        MemorySink sink = new MemorySink();
                        Scenario scenario = scenarios.get();
                        RunResult r = WdfRunner.run(scenario, Parameters.of(scenario, params),
                                o.base().toBuilder().strategy(strategy).sink(sink).carriers(carriers).build());
                        long n = done.incrementAndGet();
                        if ((n & 63) == 0) {
                            o.progress().progress(n, o.iterations(), "schedules");
                        }
                        if (!r.passed()) {
                            synchronized (best) {
                                if (i < best.get()) {
                                    best.set(i);
                                    found.set(new Found(i, strategy.describe(), r, sink, s));
                                }
                            }
                            return;
                        }
                    }
                } catch (RuntimeException e) {
                    error.compareAndSet(null, e);
                    best.set(-1);
                }
            }, "wdfrr-explore-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while exploring", e);
            }
        }
        if (error.get() != null) {
            throw error.get();
        }
        o.progress().progress(done.get(), o.iterations(), "schedules");
        return new Result(found.get(), done.get(), System.nanoTime() - t0, expectedSteps);
    }

    /** Steps of one random schedule: how long a run is, for PCT's change points. */
    private static long calibrate(Supplier<Scenario> scenarios, Map<String, String> params, RunConfig base) {
        Scenario s = scenarios.get();
        return WdfRunner.run(s, Parameters.of(s, params), base.toBuilder().strategy(new RandomStrategy(base.seed()))
                .sink(dev.wdfrr.runtime.event.EventSink.discard()).build()).steps();
    }
}
