package dev.wdfrr.runtime;

import java.util.List;

/**
 * A driver-style program on the virtual device, run by {@link WdfRunner}. A fresh instance is
 * made per run (a public no-argument constructor is required), so fields can hold per-run state.
 * {@link #run} executes on the runtime's {@code main} thread; after it returns the runtime waits
 * for quiescence, makes its shutdown checks, then calls {@link #checkInvariant}.
 */
public interface Scenario {
    /** Short id used on the command line, e.g. {@code nic}. */
    String id();

    /** One line saying what it models and what it checks. */
    String description();

    /** Parameters with defaults. */
    default List<ScenarioParameter> parameters() {
        return List.of();
    }

    /**
     * What a trace header records as the scenario's class, for replays to find it again: the
     * class name, or for an adapter (a test method run as a scenario) whatever names the real code.
     */
    default String implementation() {
        return getClass().getName();
    }

    /**
     * Whether Java {@code assert} statements are enabled for the scenario's code: a trace records
     * it, and a replay loads the code with the same setting, so that an assertion in driver code
     * acts the same. For an adapter, the status of the code it runs.
     */
    default boolean assertionsEnabled() {
        return getClass().desiredAssertionStatus();
    }

    /** True for scenarios that are deliberately buggy under some schedules. */
    default boolean buggy() {
        return false;
    }

    /**
     * Checks the parameter values before a run begins, so that a bad one is reported before
     * anything is recorded: reads each with the accessor {@link #run} uses and lets its
     * {@link ConfigurationException} name the problem. The default checks nothing (the reads in
     * {@link #run} then check).
     */
    default void checkParameters(Parameters params) {
    }

    /** The driver's code. */
    void run(WdfRuntime rt, Parameters params) throws Exception;

    /** Null when the invariant holds, else what is wrong. Called after quiescence and shutdown checks. */
    String checkInvariant();
}
