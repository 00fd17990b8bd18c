package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.tracer.TraceCheck;
import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import dev.wdfrr.tracer.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** Records the NIC scenario live and summarises the trace; then finds, shrinks and explains a bug. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Record the built-in NIC scenario live for about 2 s to traces/demo, print its statistics, replay it,",
                "check it and draw its latency chart to traces/demo-latency.png. Then explore the buggy lost-update",
                "scenario until a schedule fails, shrink and replay it, print its interleaving and what led to the failure,",
                "and draw its step-ordered timeline to traces/demo-failure-timeline.png.",
                "The demo's traces (traces/demo, traces/demo-failure, traces/demo-failure-shrunk) are its own scratch:",
                "each run replaces them (and refuses if something else is there)."})
final class DemoCommand implements Callable<Integer> {
    static final Path DEMO_TRACE = Path.of("traces", "demo");

    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Option(names = "--duration", defaultValue = "2s", description = "How long the NIC receives packets (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the trace (default: traces/demo).")
    Path output = DEMO_TRACE;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long nanos = Durations.parse(duration, "--duration");
        if (nanos == 0) {
            throw new UserError("--duration must be positive");
        }
        Scenario nic = Scenarios.builtIn("nic");
        boolean replacing = Files.exists(output);
        if (replacing) {
            requireDemoTrace(output, "nic");
        }
        DemoFailure bug = new DemoFailure(out, spec.commandLine().getErr(), output);
        bug.checkReplaceable();
        TraceWriter writer;
        writer = TraceWriter.create(output, true);
        out.printf("Recording scenario nic live for %s (2 workers, 2 CPUs) to %s%s...%n", Durations.format(nanos), output,
                replacing ? " (replacing the previous demo trace)" : "");
        out.flush();
        RunResult result = WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .durationNanos(nanos).workers(2).cpus(2).sink(writer).build());
        out.println();
        try (TraceReader reader = TraceReader.open(output)) {
            out.print(StatsFormat.table(output, TraceStats.of(reader)));
        }
        out.println();
        out.println("Replaying it under the deterministic engine, forcing the recorded order...");
        out.flush();
        dev.wdfrr.replayer.ReplayResult replay = dev.wdfrr.replayer.Replayer.replay(output,
                h -> Scenarios.builtIn("nic"), dev.wdfrr.replayer.Replayer.Options.defaults());
        out.println(replay.reproduced() ? "replayed " + replay.events() + " events: identical" : "replay DIVERGED: " + replay.divergence());
        out.println();
        TraceCheck.Result check;
        try (TraceReader reader = TraceReader.open(output)) {
            check = TraceCheck.check(reader);
        }
        out.println("check: " + CheckCommand.summary(check)
                + (check.errors() == 0 && check.warnings() > 0 ? " (budget warnings on a live run: JIT warm-up and a busy 2-core machine)" : ""));
        Path chart = output.resolveSibling(output.getFileName() + "-latency.png");
        ChartCommand.write(output, chart, dev.wdfrr.viewer.ChartKind.LATENCY, dev.wdfrr.viewer.TimelineAxis.AUTO, 1600, 1000);
        out.println("latency chart: " + chart);
        out.println();
        out.println(result.passed() ? "invariant held: every packet received was processed exactly once"
                : "FAILED: " + result.summary());
        out.println();
        out.flush();
        boolean explained = bug.run();
        String self = Wdfrr.self();
        out.println();
        out.println("next:");
        out.printf("  %s view %s %s   the desktop viewer: the live run, and the failure in steps%n", self, output, bug.shrunk());
        out.printf("  %s dump %s --threads   the interleaving, for a bug report%n", self, bug.shrunk());
        out.printf("  %s export %s --format perfetto -o demo.json   for ui.perfetto.dev%n", self, output);
        out.flush();
        return result.passed() && replay.reproduced() && check.errors() == 0 && explained ? 0 : Errors.FINDING;
    }

    /** Only a trace the demo wrote (of {@code scenario}) may be replaced without asking. */
    static void requireDemoTrace(Path dir, String scenario) {
        try (TraceReader r = TraceReader.open(dir)) {
            if (!r.header().scenarioId().equals(scenario)) {
                throw new UserError(dir + " holds a trace of scenario " + r.header().scenarioId()
                        + ", not the demo's: move it or use -o");
            }
        } catch (TraceException e) {
            throw new UserError(dir + " exists and is not the demo's trace (" + e.getMessage() + "): move it or use -o");
        }
    }
}
