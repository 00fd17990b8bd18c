package dev.wdfrr.cli;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceReader;

import java.nio.file.Path;

/** Opening traces from the command line: problems become one-line user errors. */
final class Traces {
    private Traces() {
    }

    static TraceReader open(Path dir) {
        try {
            return TraceReader.open(dir);
        } catch (TraceException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
