package dev.wdfrr.cli;

import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.viewer.ChartKind;
import dev.wdfrr.viewer.Charts;
import dev.wdfrr.viewer.TimelineAxis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Renders a chart of a trace to PNG, headless. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Render the viewer's latency charts or timeline of a trace to a PNG file, without a display (for CI reports).")
final class ChartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path output;

    @Option(names = "--kind", defaultValue = "latency", paramLabel = "latency|timeline", description = "Which chart (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--axis", defaultValue = "auto", paramLabel = "auto|steps|time",
            description = "Timeline axis: steps (one column per event), time, or auto: steps for a deterministic trace, time for a live one (default: ${DEFAULT-VALUE}).")
    String axis;

    @Option(names = "--width", defaultValue = "1600", description = "Width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "1000", description = "Height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    public Integer call() {
        ChartKind k;
        try {
            k = ChartKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--kind: unknown chart '" + kind + "' (expected latency or timeline)");
        }
        TimelineAxis a;
        try {
            a = TimelineAxis.valueOf(axis.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--axis: unknown axis '" + axis + "' (expected auto, steps or time)");
        }
        if (width < 16 || height < 16 || width > Charts.MAX_SIZE || height > Charts.MAX_SIZE) {
            throw new UserError("--width and --height must be between 16 and " + Charts.MAX_SIZE + ", got " + width + "x" + height);
        }
        if (Files.exists(output) && !force) {
            throw new UserError(output + " already exists; pass --force to replace it");
        }
        TraceReader.open(trace).close();
        write(trace, output, k, a, width, height);
        spec.commandLine().getOut().printf("wrote %s (%s chart, %dx%d)%n", output, kind.toLowerCase(Locale.ROOT), width, height);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Renders headless; a bad trace or an unwritable file is the user's to fix. */
    static void write(Path trace, Path png, ChartKind kind, TimelineAxis axis, int width, int height) {
        System.setProperty("java.awt.headless", "true");
        try {
            Charts.write(trace, png, kind, axis, width, height);
        } catch (IOException e) {
            throw new UserError("cannot write " + png + ": " + e.getMessage(), e);
        }
    }
}
