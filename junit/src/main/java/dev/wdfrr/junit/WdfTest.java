package dev.wdfrr.junit;

import dev.wdfrr.junit.internal.WdfTestExtension;
import dev.wdfrr.runtime.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method as driver code on the wdfrr runtime, under many schedules, as one test:
 * its body runs on the runtime's {@code main} thread and may ask for a
 * {@link dev.wdfrr.runtime.WdfRuntime}, a {@link dev.wdfrr.runtime.wdf.WdfDevice} and a
 * {@link dev.wdfrr.runtime.hw.VirtualDevice} as parameters.
 *
 * <p>The schedules are explored in memory, in parallel on the machine's cores, with the same
 * result however many cores there are; JUnit reports one test, with a summary (schedules run,
 * failures, coverage) as a report entry. Only what is kept is written to disk, under
 * {@code target/wdfrr-traces/<TestClass>/<method>[-<schedule>]/}: the first failing schedule
 * (or with {@link #keepGoing()} the first of each kind of failure), or every schedule with
 * {@link Keep#ALWAYS}. A kept failure's directory is named after the method alone, so that it
 * stays put when the code changes (a {@code replay} attribute keeps pointing at it). The failure
 * message names the trace, the data races of the failing run, and how to replay it:
 * {@code wdfrr replay DIR @DIR/replay.args}, where {@code replay.args}, written beside the trace,
 * holds the test's whole runtime classpath (the trace itself records whether assertions were on).
 *
 * <p>A bare {@code @WdfTest} explores {@value #DEFAULT_ITERATIONS} random schedules. Every
 * {@code @WdfTest} of a run can be turned up or down from outside with configuration parameters
 * (system properties, or {@code junit-platform.properties}): {@code wdfrr.iterations},
 * {@code wdfrr.seed}, {@code wdfrr.strategy} ({@code random}, {@code pct}, {@code pct-all},
 * {@code pos}, {@code pos-dep}) and {@code wdfrr.depth} override the attributes, as
 * property-based testing tools let a run ask for more cases.
 *
 * <p>Each schedule runs the method on a fresh instance of the test class made with its
 * no-argument constructor, as {@code wdfrr replay} does (field initialisers run per schedule;
 * {@code @BeforeEach} runs once around the whole test). A class without one (a {@code @Nested}
 * class, say) runs its schedules one after another on JUnit's instance.
 *
 * <pre>{@code
 * @WdfTest(iterations = 500, strategy = WdfTest.Strategy.PCT, seed = 1)
 * void drains(WdfRuntime rt) { ... }
 * }</pre>
 *
 * <p><b>Plain fields are never interleaved.</b> Schedules switch threads only at runtime calls,
 * so state that the test's threads share in plain Java fields cannot race, and a test that
 * should fail passes. Keep shared state in traced cells ({@code rt.longCell}, cell fields of an
 * object context), device registers or under a runtime lock, and wait with kernel events; see
 * {@link dev.wdfrr.runtime.WdfRuntime}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(WdfTestExtension.class)
public @interface WdfTest {
    /**
     * Schedules a bare {@code @WdfTest} runs, chosen from the first-failure tables in
     * BENCHMARKS.md: random exploration found each buggy built-in within 15 schedules at most and
     * the refcount race of the Fray comparison within 59 (every strategy found every bug within
     * 92), so 100 random schedules leave a margin.
     */
    int DEFAULT_ITERATIONS = 100;

    /** Schedules to run ({@code -Dwdfrr.iterations} overrides it); in guide mode, schedules explored after the divergence. */
    int iterations() default DEFAULT_ITERATIONS;

    /** The engine: deterministic (schedules explored, reproducible) or live (real threads). */
    EngineKind engine() default EngineKind.DETERMINISTIC;

    /** How the deterministic engine picks the next thread. */
    Strategy strategy() default Strategy.RANDOM;

    /** Seed of the exploration: schedule i uses a strategy seed derived from it, as {@code wdfrr explore --seed} does. */
    long seed() default 1;

    /** PCT's bug depth. */
    int depth() default 3;

    /** A saved trace to replay (its path, relative to the working directory): runs once, along that schedule. */
    String replay() default "";

    /**
     * Guide mode for {@link #replay()}, to keep a saved failure as a regression test: follow the
     * recording while the code still matches it, then explore with {@link #strategy()} for
     * {@link #iterations()} schedules from the first divergence on. A fixed bug passes; a bug that
     * came back fails again. Code that matches the whole recording runs once, as recorded.
     */
    boolean guide() default false;

    /** When to keep traces. */
    Keep keep() default Keep.ON_FAILURE;

    /** System worker threads. */
    int workers() default 2;

    /** Virtual CPUs. */
    int cpus() default 2;

    /** Arrivals of the injected {@link dev.wdfrr.runtime.hw.VirtualDevice}. */
    int arrivals() default 10;

    /** Time between its arrivals, e.g. {@code "10us"}. */
    String period() default "10us";

    /**
     * Run every schedule instead of stopping at the first failure, group the failures by
     * signature (kind, message without numbers, failing object) and keep the first trace of each.
     */
    boolean keepGoing() default false;

    /**
     * The time window, e.g. {@code "5ns"}: a step due at virtual time t may be taken anywhere from
     * t − D on relative to the others, so that near-simultaneous arrivals, timeouts and modelled
     * work can reorder ({@code wdfrr explore --jitter}). {@code "0"} keeps exact virtual time.
     */
    String jitter() default "0";

    /** Scheduling strategies for {@link #strategy()} (see {@code wdfrr explore --help}). */
    enum Strategy {
        /** Uniformly random at every step. */
        RANDOM,
        /** PCT, change points over steps with two or more enabled threads. */
        PCT,
        /** PCT, change points over all steps. */
        PCT_ALL,
        /** Partial order sampling. */
        POS,
        /** Partial order sampling that reorders only conflicting steps. */
        POS_DEP
    }

    /** Trace retention for {@link #keep()}. */
    enum Keep { ON_FAILURE, ALWAYS }
}
