package dev.wdfrr.replayer;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.tracer.TraceHeader;

/**
 * How a replay went.
 *
 * @param reproduced true when every recorded event was produced again, in order, and nothing else
 * @param events     events matched
 * @param run        the replay run's own result (its outcome is the recorded one when reproduced)
 * @param divergence the report of the first divergence, or null
 * @param divergenceIndex index of the first event that did not match, or -1
 * @param cutShort   the recording ends before its run did (stopped by a signal, or its writer died):
 *                   the replay reproduced every recorded event and stopped there
 */
public record ReplayResult(TraceHeader header, boolean reproduced, long events, RunResult run, String divergence,
                           long divergenceIndex, boolean cutShort) {

    /** "passed", or the failure kind and text that reproduced. */
    public String outcome() {
        return run.failure() == FailureKind.NONE ? "passed" : run.summary();
    }

    /**
     * One line for a reproduced replay: {@code replayed N events: identical; outcome reproduced: passed},
     * or for a recording that was cut short {@code all N recorded events reproduced; the recording was cut short}.
     */
    public String summary() {
        if (reproduced && cutShort) {
            return "all " + events + " recorded events reproduced; the recording was cut short";
        }
        return reproduced ? "replayed " + events + " events: identical; outcome reproduced: " + outcome()
                : "replay diverged at " + divergence;
    }
}
