package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.event.EventSink;

import java.util.function.LongSupplier;

/**
 * Everything about how one run executes, validated on {@link Builder#build()}: bad values are
 * {@link ConfigurationException}s that name the value. Build a fresh config (and strategy) per run.
 */
public final class RunConfig {
    /** Default modelled duration of a live run. */
    public static final long DEFAULT_LIVE_DURATION = 2_000_000_000L;
    /** Default modelled (virtual) duration of a deterministic run. */
    public static final long DEFAULT_DETERMINISTIC_DURATION = 5_000_000L;

    private final EngineKind engine;
    private final int workers;
    private final int cpus;
    private final long seed;
    private final Strategy strategy;
    private final long durationNanos;
    private final long stepLimit;
    private final boolean throwOnViolation;
    private final long stallTimeoutNanos;
    private final EventSink sink;
    private final LongSupplier followClock;
    private final long arrivalLimit;
    private final CarrierPool carriers;
    private final long jitterNanos;
    private final boolean callSites;

    private RunConfig(Builder b) {
        this.engine = b.engine;
        this.workers = b.workers;
        this.cpus = b.cpus;
        this.seed = b.seed;
        this.strategy = b.strategy != null ? b.strategy : new RandomStrategy(b.seed);
        this.durationNanos = b.durationNanos >= 0 ? b.durationNanos
                : b.engine == EngineKind.LIVE ? DEFAULT_LIVE_DURATION : DEFAULT_DETERMINISTIC_DURATION;
        this.stepLimit = b.stepLimit;
        this.throwOnViolation = b.throwOnViolation;
        this.stallTimeoutNanos = b.stallTimeoutNanos;
        this.sink = b.sink != null ? b.sink : EventSink.discard();
        this.followClock = b.followClock;
        this.arrivalLimit = b.arrivalLimit;
        this.carriers = b.carriers;
        this.jitterNanos = b.jitterNanos;
        this.callSites = b.callSites;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine;
        b.workers = workers;
        b.cpus = cpus;
        b.seed = seed;
        b.strategy = strategy;
        b.durationNanos = durationNanos;
        b.stepLimit = stepLimit;
        b.throwOnViolation = throwOnViolation;
        b.stallTimeoutNanos = stallTimeoutNanos;
        b.sink = sink;
        b.followClock = followClock;
        b.arrivalLimit = arrivalLimit;
        b.carriers = carriers;
        b.jitterNanos = jitterNanos;
        b.callSites = callSites;
        return b;
    }

    /**
     * Whether accesses to traced cells and device registers, and kernel-event calls, record the
     * driver code they came from ({@code call_site} events): what the race report names. It costs a
     * stack walk per access; exploration turns it off while it searches.
     */
    public boolean callSites() {
        return callSites;
    }

    public EngineKind engine() {
        return engine;
    }

    /** Number of system worker threads that run work-item callbacks. */
    public int workers() {
        return workers;
    }

    /** Number of virtual CPUs that run ISRs and DPCs. */
    public int cpus() {
        return cpus;
    }

    /** Seed of the strategy, of {@link WdfRuntime#random()} and of scenario sources. */
    public long seed() {
        return seed;
    }

    /** The deterministic engine's strategy (ignored by the live engine). */
    public Strategy strategy() {
        return strategy;
    }

    /** How long interrupt sources run, in (virtual or real) nanoseconds. */
    public long durationNanos() {
        return durationNanos;
    }

    /** Maximum scheduling decisions before the deterministic engine stops a run (livelock guard). */
    public long stepLimit() {
        return stepLimit;
    }

    /** Whether a verifier violation also throws {@link VerifierViolationException}. */
    public boolean throwOnViolation() {
        return throwOnViolation;
    }

    /** How long the run may make no progress before it is stopped and reported as stalled. */
    public long stallTimeoutNanos() {
        return stallTimeoutNanos;
    }

    public EventSink sink() {
        return sink;
    }

    /**
     * For replays of live recordings: when set, virtual time is this clock's value and threads
     * waiting for time are always offered to the strategy, which follows the recorded order.
     */
    public LongSupplier followClock() {
        return followClock;
    }

    /**
     * At most this many arrivals per virtual device, whatever the scenario asks (-1: no cap).
     * The shrinker uses it to look for a failure with fewer interrupts.
     */
    public long arrivalLimit() {
        return arrivalLimit;
    }

    /** Threads to reuse for the deterministic engine's runtime threads, or null for new ones. */
    public CarrierPool carriers() {
        return carriers;
    }

    /**
     * The deterministic engine's time window: a step due at virtual time t (the end of a timed
     * wait, an arrival, modelled work) may be taken anywhere from t − D on, relative to the other
     * steps, so that near-simultaneous timed steps can reorder; 0 (the default) keeps exact
     * virtual time. The strategy chooses within the window and the chosen times are recorded,
     * so a replay is exact. Latencies measured in such a run are off by up to D per timed step.
     */
    public long jitterNanos() {
        return jitterNanos;
    }

    /**
     * What a trace header records as the strategy: {@code live}, or the strategy's description
     * followed by the time window when there is one ({@code random(seed=7) jitter=5ns}).
     */
    public String describeSchedule() {
        if (engine == EngineKind.LIVE) {
            return "live";
        }
        return strategy.describe() + (jitterNanos > 0 ? " jitter=" + Durations.format(jitterNanos) : "");
    }

    /** Builds a {@link RunConfig}; defaults: deterministic, 2 workers, 2 CPUs, seed 1. */
    public static final class Builder {
        private EngineKind engine = EngineKind.DETERMINISTIC;
        private int workers = 2;
        private int cpus = 2;
        private long seed = 1;
        private Strategy strategy;
        private long durationNanos = -1;
        private long stepLimit = 50_000_000L;
        private boolean throwOnViolation;
        private long stallTimeoutNanos = 30_000_000_000L;
        private EventSink sink;
        private LongSupplier followClock;
        private long arrivalLimit = -1;
        private CarrierPool carriers;
        private long jitterNanos;
        private boolean callSites = true;

        private Builder() {
        }

        /** The deterministic engine's time window, see {@link RunConfig#jitterNanos()}. */
        public Builder jitterNanos(long nanos) {
            this.jitterNanos = nanos;
            return this;
        }

        /** Reuse these threads (deterministic engine); one run at a time per pool. */
        /** Record where in driver code each traced access came from (default on); see {@link RunConfig#callSites()}. */
        public Builder callSites(boolean on) {
            this.callSites = on;
            return this;
        }

        public Builder carriers(CarrierPool pool) {
            this.carriers = pool;
            return this;
        }

        public Builder arrivalLimit(long limit) {
            this.arrivalLimit = limit;
            return this;
        }

        public Builder engine(EngineKind kind) {
            this.engine = kind;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder strategy(Strategy s) {
            this.strategy = s;
            return this;
        }

        public Builder durationNanos(long nanos) {
            this.durationNanos = nanos;
            return this;
        }

        public Builder stepLimit(long steps) {
            this.stepLimit = steps;
            return this;
        }

        public Builder throwOnViolation(boolean on) {
            this.throwOnViolation = on;
            return this;
        }

        public Builder stallTimeoutNanos(long nanos) {
            this.stallTimeoutNanos = nanos;
            return this;
        }

        public Builder sink(EventSink s) {
            this.sink = s;
            return this;
        }

        public Builder followClock(LongSupplier clock) {
            this.followClock = clock;
            return this;
        }

        /** Validates and builds. */
        public RunConfig build() {
            if (engine == null) {
                throw new ConfigurationException("engine must be live or deterministic");
            }
            if (workers < 1 || workers > 64) {
                throw new ConfigurationException("workers must be between 1 and 64, got " + workers);
            }
            if (cpus < 1 || cpus > 64) {
                throw new ConfigurationException("cpus must be between 1 and 64, got " + cpus);
            }
            if (durationNanos == 0 || durationNanos < -1) {
                throw new ConfigurationException("duration must be positive, got " + durationNanos + "ns");
            }
            if (stepLimit < 1) {
                throw new ConfigurationException("step limit must be positive, got " + stepLimit);
            }
            if (jitterNanos < 0) {
                throw new ConfigurationException("jitter must be 0 or more, got " + jitterNanos + "ns");
            }
            if (stallTimeoutNanos < 1) {
                throw new ConfigurationException("stall timeout must be positive, got " + stallTimeoutNanos + "ns");
            }
            return new RunConfig(this);
        }
    }
}
