package dev.wdfrr.junit;

import dev.wdfrr.junit.internal.WdfTestExtension;
import dev.wdfrr.runtime.EngineKind;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method as driver code on the wdfrr runtime: its body runs on the runtime's
 * {@code main} thread and may ask for a {@link dev.wdfrr.runtime.WdfRuntime}, a
 * {@link dev.wdfrr.runtime.wdf.WdfDevice} and a {@link dev.wdfrr.runtime.hw.VirtualDevice} as
 * parameters. Each iteration runs one schedule and records it to
 * {@code target/wdfrr-traces/<TestClass>/<method>[-<iteration>]/}; a failing iteration keeps
 * its trace and its message says how to replay it; the first failure ends the test.
 *
 * <pre>{@code
 * @WdfTest(iterations = 500, strategy = WdfTest.Strategy.PCT, seed = 1)
 * void drains(WdfRuntime rt) { ... }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(WdfTestExtension.class)
// The iterations of one method run one after another (the first failure ends the rest); other
// tests still run in parallel with it.
@Execution(ExecutionMode.SAME_THREAD)
public @interface WdfTest {
    /** Schedules to run; each is one invocation of the method. */
    int iterations() default 1;

    /** The engine: deterministic (schedules explored, reproducible) or live (real threads). */
    EngineKind engine() default EngineKind.DETERMINISTIC;

    /** How the deterministic engine picks the next thread. */
    Strategy strategy() default Strategy.RANDOM;

    /** Seed of the first iteration's schedule; iteration i uses a seed derived from it. */
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

    /** Scheduling strategies for {@link #strategy()}. */
    enum Strategy { RANDOM, PCT }

    /** Trace retention for {@link #keep()}. */
    enum Keep { ON_FAILURE, ALWAYS }
}
