package dev.wdfrr.viewer;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.WhatLedHere;

import java.nio.file.Path;

/**
 * A trace's outcome and, for a failing one, the steps that led to the failure in text: what the
 * viewer highlights and the step-ordered chart draws, for a terminal or a bug report.
 *
 * @param outcome     "passed", "failed: invariant violated: …", or how the recording ended early
 * @param whatLedHere a summary line then one line per decisive step (event number, thread, event,
 *                    why it matters); empty when the run did not fail
 */
public record FailureReport(String outcome, String whatLedHere) {
    /**
     * Reads {@code trace} and explains it.
     *
     * @throws TraceException when it is missing, not a trace, or corrupt
     */
    public static FailureReport of(Path trace) {
        TraceModel model = TraceLoader.read(trace);
        return new FailureReport(model.outcomeText(), WhatLedHere.of(model).describe(model));
    }
}
