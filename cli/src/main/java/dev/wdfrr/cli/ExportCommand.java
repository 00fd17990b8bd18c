package dev.wdfrr.cli;

import dev.wdfrr.tracer.CsvExport;
import dev.wdfrr.tracer.PerfettoExport;
import dev.wdfrr.tracer.TracePaths;
import dev.wdfrr.tracer.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Writes a trace in another tool's format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trace: --format perfetto writes Chrome Trace Event JSON for ui.perfetto.dev and chrome://tracing;",
                "--format csv writes one row per event to FILE and one row per span to FILE-spans.csv."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--format", required = true, paramLabel = "perfetto|csv", description = "perfetto or csv.")
    String format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output file.")
    Path output;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("perfetto") && !f.equals("csv")) {
            throw new UserError("--format: unknown format '" + format + "' (expected perfetto or csv)");
        }
        TracePaths.checkOutput(output);
        Path spans = f.equals("csv") ? CsvExport.spansPathFor(output) : null;
        refuseToOverwrite(output);
        if (spans != null) {
            refuseToOverwrite(spans);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (TraceReader reader = TraceReader.open(trace)) {
            if (f.equals("perfetto")) {
                PerfettoExport.Summary s = PerfettoExport.write(reader, output);
                out.printf("wrote %s: %d slices, %d instants, %d flow arrows from %d events; open it at https://ui.perfetto.dev%n",
                        output, s.slices(), s.instants(), s.flows(), s.events());
            } else {
                CsvExport.Summary s = CsvExport.write(reader, output, spans);
                out.printf("wrote %s (%d events) and %s (%d spans)%n", output, s.events(), spans, s.spans());
            }
            reader.truncationNote().ifPresent(n -> spec.commandLine().getErr().println("wdfrr export: " + trace + " " + n));
        }
        out.flush();
        return 0;
    }

    private void refuseToOverwrite(Path p) {
        if (TracePaths.overlap(p, trace)) {
            throw new UserError(p + " lies inside the trace being exported (" + trace + "): choose a file outside it");
        }
        if (Files.exists(p) && !force) {
            throw new UserError(p + " already exists; pass --force to replace it");
        }
        if (Files.isDirectory(p)) {
            throw new UserError(p + " is a directory");
        }
    }
}
