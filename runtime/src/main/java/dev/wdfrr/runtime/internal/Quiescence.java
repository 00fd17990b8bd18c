package dev.wdfrr.runtime.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * When the run is quiescent: no system thread runs driver code or a disposal, and no component
 * has anything left to do. Components register an {@link Activity} without the core knowing what
 * they are; main's {@code awaitQuiescent} waits on {@link #await}.
 */
final class Quiescence {
    /** Something a component still has to do; the run is quiescent when none is left. */
    interface Activity {
        /** Nothing left to do, as seen by {@code caller}, the thread waiting for quiescence. */
        boolean quiet(LogicalThread caller);

        /** Appends ", what is still pending" for a deadlock report; nothing when quiet. */
        void describe(StringBuilder out);

        /**
         * Asked while not quiet: a signal raised before this activity can become quiet, or null
         * when it cannot promise one (main's wait for quiescence is then re-checked every step).
         */
        default Signal signal() {
            return null;
        }
    }

    private final List<Activity> activities = new ArrayList<>();
    /** System threads running driver code or a disposal right now. */
    private int inFlight;
    /** Raised when a unit of work on a system thread ends: quiescence may follow. */
    private final Signal workDone = new Signal();

    void add(Activity activity) {
        activities.add(activity);
    }

    /** A system thread took a unit of work (a callback, an ISR, a DPC, a disposal). */
    void workStarted() {
        inFlight++;
    }

    void workEnded() {
        inFlight--;
        workDone.raise();
    }

    /** The wait of {@code caller} for quiescence: what it needs, what a deadlock report says, what wakes it. */
    Wait await(LogicalThread caller) {
        return new Wait() {
            @Override
            public boolean ready() {
                return quiescent(caller);
            }

            @Override
            public String describe() {
                return busyDescription();
            }

            @Override
            public Signal signal() {
                return signalFor(caller);
            }
        };
    }

    private boolean quiescent(LogicalThread caller) {
        if (inFlight > 0) {
            return false;
        }
        for (Activity a : activities) {
            if (!a.quiet(caller)) {
                return false;
            }
        }
        return true;
    }

    /** What must be raised before the first thing that keeps the run from being quiescent can end, or null. */
    private Signal signalFor(LogicalThread caller) {
        if (inFlight > 0) {
            return workDone;
        }
        for (Activity a : activities) {
            if (!a.quiet(caller)) {
                return a.signal();
            }
        }
        return null;
    }

    private String busyDescription() {
        StringBuilder sb = new StringBuilder("quiescence (").append(inFlight).append(" running on system threads");
        for (Activity a : activities) {
            a.describe(sb);
        }
        return sb.append(')').toString();
    }
}
