package dev.wdfrr.cli;

import dev.wdfrr.replayer.TraceDiff;
import dev.wdfrr.tracer.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Compares two traces. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two traces' event sequences; print the first divergence with the events before it.",
        footer = {"", "Exit: 0 identical, 1 different, 2 bad input."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE_A")
    Path a;

    @Parameters(index = "1", paramLabel = "TRACE_B")
    Path b;

    @Option(names = "--timestamps", description = "Compare timestamps too (off by default: a live run and its replay differ only there).")
    boolean timestamps;

    @Override
    public Integer call() {
        TraceReader.open(a).close();
        TraceReader.open(b).close();
        PrintWriter out = spec.commandLine().getOut();
        TraceDiff.Result r;
        r = TraceDiff.diff(a, b, timestamps);
        if (r.identical()) {
            out.printf("identical: %d events%n", r.compared());
        } else {
            out.println("first divergence at " + r.report());
        }
        out.flush();
        return r.identical() ? 0 : Errors.FINDING;
    }
}
