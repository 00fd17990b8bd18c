package dev.wdfrr.runtime.internal;

/**
 * What a blocked runtime thread waits for. Evaluated by the engine with exclusive access to
 * kernel state, so it must only read that state.
 */
interface Wait {
    /** True when the thread can continue. */
    boolean ready();

    /** What it waits for, for deadlock reports: "flush of work item 'rx' (#5)". */
    String describe();

    /** True for a thread with nothing to do (an idle worker): not part of a deadlock. */
    default boolean idle() {
        return false;
    }

    /**
     * Asked right after {@link #ready()} returned false: a signal that will be raised before this
     * wait can become ready, or null when the wait cannot promise that (the engine then
     * re-evaluates it at every step). Lets the engine's cost per step follow what changed.
     */
    default Signal signal() {
        return null;
    }

    /**
     * How many threads sharing this wait one state change may wake (the live engine): for a
     * queue, its length, so one enqueue does not wake every idle worker.
     */
    default int wakeLimit() {
        return Integer.MAX_VALUE;
    }

    static Wait of(java.util.function.BooleanSupplier ready, java.util.function.Supplier<String> describe) {
        return new Wait() {
            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public String describe() {
                return describe.get();
            }
        };
    }

    static Wait idle(java.util.function.BooleanSupplier ready, String describe) {
        return idle(ready, describe, () -> null);
    }

    /**
     * An idle wait with a signal: {@code signal} is asked after a negative evaluation (see
     * {@link #signal()}) and may answer null when the state cannot promise a raise.
     */
    static Wait idle(java.util.function.BooleanSupplier ready, String describe,
                     java.util.function.Supplier<Signal> signal) {
        return new Wait() {
            @Override
            public Signal signal() {
                return signal.get();
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }

            @Override
            public String describe() {
                return describe;
            }

            @Override
            public boolean idle() {
                return true;
            }
        };
    }

    /** {@code wait}, and {@code gate} open: a preempted thread waits for both. */
    static Wait gated(Wait wait, Wait gate) {
        return new Wait() {
            @Override
            public boolean ready() {
                return wait.ready() && gate.ready();
            }

            @Override
            public String describe() {
                return gate.ready() ? wait.describe() : wait.describe() + ", held by " + gate.describe();
            }

            @Override
            public boolean idle() {
                return wait.idle();
            }

            @Override
            public int wakeLimit() {
                return wait.wakeLimit();
            }
        };
    }
}
