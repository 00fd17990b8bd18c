package dev.wdfrr.replayer.internal;

import dev.wdfrr.runtime.event.EventType;

/** Which events are steps on a runtime object, so that their {@code object} field names one. */
public final class ObjectSteps {
    private ObjectSteps() {
    }

    /**
     * False for names, marks, thread bookkeeping (whose object is a thread id), schedule notes,
     * violations (the report of a step, not a step) and the run's verdict.
     */
    public static boolean touchesObject(int type) {
        return type != EventType.NAME.id() && type != EventType.THREAD_START.id() && type != EventType.THREAD_END.id()
                && type != EventType.RUN_END.id() && type != EventType.FAILURE.id() && type != EventType.MARK.id()
                && type != EventType.SCHEDULE.id() && type != EventType.VIOLATION.id();
    }
}
