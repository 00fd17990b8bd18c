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
 * {@link Keep#ALWAYS}. The failure message names the trace and how to replay it.
 *
 * <p>Each schedule runs the method on a fresh instance of the test class made with its
 * no-argument constructor, as {@code wdfrr replay} does (field initialisers run per schedule;
 * {@code @BeforeEach} runs once around the whole test). A class without one (a {@code @Nested}
 * class, say) runs its schedules one after another on JUnit's instance.
 *
 * <p>The engine interleaves threads only at runtime calls: shared state must live where the
 * runtime sees every access (device registers, or data under a runtime lock); plain fields are
 * never interleaved.
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
    /** Schedules to run. */
    int iterations() default 1;

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
