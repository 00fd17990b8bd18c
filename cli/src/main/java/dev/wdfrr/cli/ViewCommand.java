package dev.wdfrr.cli;

import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.viewer.Viewer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Opens the desktop viewer. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Open the desktop viewer: timeline per thread and CPU, latency charts, events table; several traces in tabs,",
                "diff two, follow one still being written. Needs a display; for images use 'wdfrr chart'."})
final class ViewCommand implements Callable<Integer> {
    @Mixin
    Verbosity verbosity;

    @Parameters(paramLabel = "TRACE", arity = "0..*", description = "Traces to open (none: open the viewer empty).")
    List<Path> traces = new ArrayList<>();

    @Option(names = "--follow", description = "Follow the traces as they are written; one that does not exist yet is waited for.")
    boolean follow;

    @Override
    public Integer call() {
        for (Path t : traces) {
            if (!follow) {
                TraceReader.open(t).close(); // a bad argument is a one-line error before any window opens
            }
        }
        try {
            if (follow) {
                Viewer.follow(traces);
            } else {
                Viewer.show(traces);
            }
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        } catch (java.awt.AWTError e) {
            // A DISPLAY naming no reachable server: AWT says so with an Error, not an exception.
            throw new UserError("cannot open the viewer: " + Errors.oneLine(e.getMessage())
                    + "; check DISPLAY, or use 'wdfrr chart' for images without a display", e);
        }
        return 0;
    }
}
