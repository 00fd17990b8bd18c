package dev.wdfrr.cli;

import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TracePaths;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Replays a trace along its recorded schedule. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run a trace's scenario under the deterministic engine, forcing the recorded order, and check",
                "that every event and the outcome reproduce. Works for traces of both engines."},
        footer = {"", "Exit: 0 reproduced, 1 diverged (the first divergence is printed), 2 bad input."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--classpath", paramLabel = "CP",
            description = {"Where to load a scenario that is not built in (directories and jars): the class or @WdfTest",
                    "method the trace names must be defined there. Nothing else is ever loaded. A failing @WdfTest writes",
                    "the test's classpath to DIR/replay.args: pass @DIR/replay.args."})
    String classpath;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Also write the replay's own trace here.")
    Path output;

    @Option(names = "--force", description = "Replace an existing trace at --output.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (output != null && TracePaths.overlap(output, trace)) {
            throw new UserError("--output " + output + " overlaps the trace being replayed (" + trace + "): choose another directory");
        }
        TraceHeader header;
        try (TraceReader r = TraceReader.open(trace)) {
            header = r.header();
        }
        try (ScenarioResolver resolver = new ScenarioResolver(classpath); ProgressBar bar = new ProgressBar(spec.commandLine().getErr())) {
            var factory = resolver.forTrace(header);
            Replayer.Options options = Replayer.Options.defaults().progress(bar);
            if (output != null) {
                options = options.output(TraceWriter.create(output, force));
            }
            out.printf("replaying %s: scenario %s, recorded by the %s engine%n", trace, resolver.source(),
                    header.engine().name().toLowerCase());
            out.flush();
            ReplayResult result;
            result = Replayer.replay(trace, h -> factory.get(), options);
            bar.close();
            ClasspathProblems.check(result.run(), classpath);
            if (result.reproduced()) {
                out.println(result.summary());
            } else {
                out.println("DIVERGED: " + result.divergence());
            }
            if (output != null) {
                out.println("the replay's trace: " + output);
            }
            out.flush();
            return result.reproduced() ? 0 : Errors.FINDING;
        }
    }
}
