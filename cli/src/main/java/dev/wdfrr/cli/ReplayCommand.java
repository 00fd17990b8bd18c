package dev.wdfrr.cli;

import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.GuidedReplay;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.replayer.strategy.Strategies;
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
                "that every event and the outcome reproduce. Works for traces of both engines.",
                "With --then (guide mode, for regression replays): follow the recording while the code matches it, then",
                "explore from the first divergence under the strategy, for up to --iterations schedules."},
        footer = {"", "Exit: 0 reproduced (guide mode: no schedule failed), 1 diverged (guide mode: a schedule failed), 2 bad input."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--classpath", paramLabel = "CP",
            description = {"Where to load a scenario that is not built in (directories and jars): the class or @WdfTest "
                    + "method the trace names must be defined there. Nothing else is ever loaded. A failing @WdfTest writes "
                    + "the test's classpath to DIR/replay.args: pass @DIR/replay.args."})
    String classpath;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Also write the replay's own trace here.")
    Path output;

    @Option(names = "--force", description = "Replace an existing trace at --output.")
    boolean force;

    @Option(names = "--then", paramLabel = "STRATEGY", description = {
            "Guide mode: from the first divergence on, explore with this strategy instead of stopping: random, pct, "
            + "pct-all, pos or pos-dep."})
    String then;

    @Option(names = "--iterations", defaultValue = "100",
            description = "Guide mode: the most schedules to run, each following the recording first (default: ${DEFAULT-VALUE}).")
    long iterations;

    @Option(names = "--depth", defaultValue = "3", description = "Guide mode: PCT's bug depth (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--seed", defaultValue = "1", description = "Guide mode: seed of the exploration (default: ${DEFAULT-VALUE}).")
    long seed;

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
        if (then != null) {
            return guided(header, out);
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

    /** Guide mode: follow the recording, then explore; report how far it matched and the first failure. */
    private int guided(TraceHeader header, PrintWriter out) {
        Strategies.Kind kind;
        try {
            kind = Strategies.Kind.parse(then);
        } catch (IllegalArgumentException e) {
            throw new UserError("--then: " + e.getMessage());
        }
        if (iterations < 1 || depth < 1) {
            throw new UserError("--iterations and --depth must be at least 1");
        }
        if (output != null && java.nio.file.Files.exists(output) && !force) {
            throw new UserError(output + " already exists; choose another -o or pass --force to replace the trace there");
        }
        try (ScenarioResolver resolver = new ScenarioResolver(classpath); ProgressBar bar = new ProgressBar(spec.commandLine().getErr())) {
            var factory = resolver.forTrace(header);
            out.printf("guiding along %s: scenario %s; from the first divergence on: %s, up to %,d schedules%n", trace,
                    resolver.source(), kind, iterations);
            out.flush();
            GuidedReplay.Result r = GuidedReplay.run(trace, h -> factory.get(),
                    new GuidedReplay.Options(kind, depth, iterations, seed, bar));
            bar.close();
            if (r.failure() != null) {
                ClasspathProblems.check(r.failure().result(), classpath);
            }
            out.println(r.matchSummary() + (r.followedToTheEnd() ? ": the code still follows the whole recording"
                    : "; it first diverged at " + r.divergence().lines().findFirst().orElse("")));
            if (r.failure() == null) {
                out.printf("no failure in %,d schedule%s%n", r.schedules(), r.schedules() == 1 ? "" : "s");
                out.flush();
                return 0;
            }
            GuidedReplay.Failure f = r.failure();
            out.printf("schedule %d failed (%s)%s: %s%n", f.schedule() + 1, f.strategy(),
                    r.followedToTheEnd() ? ", as recorded" : "", f.result().summary());
            dev.wdfrr.tracer.RaceReport.Result races = dev.wdfrr.tracer.RaceReport.of(f.events());
            if (!races.clean()) {
                out.println(races.summary(5));
            }
            if (output != null) {
                f.events().copyTo(TraceWriter.create(output, force));
                out.println("its trace: " + output + "   reproduce: wdfrr replay " + output
                        + (classpath != null ? " --classpath " + classpath : ""));
            }
            out.flush();
            return Errors.FINDING;
        }
    }
}
