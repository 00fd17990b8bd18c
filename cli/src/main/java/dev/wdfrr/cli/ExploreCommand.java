package dev.wdfrr.cli;

import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.Shrinker;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceWriter;
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
import java.util.function.Supplier;

/** Searches schedules for a failing one. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Run a scenario under many schedules until one fails (invariant, exception, verifier violation,",
                "deadlock, step limit); save its trace and print the command that replays it."},
        footer = {"", "Exit: 1 a failing schedule was found, 0 none was, 2 bad input."})
final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A built-in scenario (see 'wdfrr scenarios').")
    String scenario;

    @Option(names = "--strategy", defaultValue = "pct", paramLabel = "random|pct", description = "Schedule strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--depth", defaultValue = "3", description = "PCT bug depth d: d - 1 priority change points (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--iterations", defaultValue = "10000", description = "Most schedules to run (default: ${DEFAULT-VALUE}).")
    long iterations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the exploration (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to save the failing trace (default: traces/SCENARIO-failure-TIMESTAMP).")
    Path output;

    @Option(names = "--shrink", description = "Also shrink the failing schedule and save it as DIR-shrunk.")
    boolean shrink;

    @Option(names = "--force", description = "Replace existing traces at the output paths.")
    boolean force;

    @Option(names = "--workers", defaultValue = "2", description = "System worker threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cpus", defaultValue = "2", description = "Virtual CPUs (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--duration", paramLabel = "D", description = "Modelled time sources run (default: 5ms).")
    String duration;

    @Option(names = "--param", paramLabel = "K=V", description = "A scenario parameter; repeatable.")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Option(names = "--step-limit", defaultValue = "1000000", description = "Steps before a schedule counts as a livelock (default: ${DEFAULT-VALUE}).")
    long stepLimit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Scenario s = Scenarios.builtIn(scenario);
        Strategies.Kind kind;
        try {
            kind = Strategies.Kind.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw new UserError("--strategy: " + e.getMessage());
        }
        if (iterations < 1) {
            throw new UserError("--iterations must be at least 1, got " + iterations);
        }
        if (depth < 1) {
            throw new UserError("--depth must be at least 1, got " + depth);
        }
        dev.wdfrr.runtime.Parameters.of(s, params); // unknown names fail here, before any run
        RunConfig.Builder base = RunConfig.builder().engine(EngineKind.DETERMINISTIC).seed(seed).workers(workers).cpus(cpus)
                .stepLimit(stepLimit);
        if (duration != null) {
            base.durationNanos(dev.wdfrr.runtime.Durations.parse(duration, "--duration"));
        }
        RunConfig config = base.build();
        Path dir = output != null ? output : failureDirectory(scenario);
        checkWritable(dir);
        if (shrink) {
            checkWritable(shrunkPath(dir));
        }
        try (StopNotice stop = new StopNotice(out)) {
            return explore(out, kind, config, dir, stop);
        }
    }

    private int explore(PrintWriter out, Strategies.Kind kind, RunConfig config, Path dir, StopNotice stop) {
        Supplier<Scenario> scenarios = () -> Scenarios.builtIn(scenario);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        Explorer.Result result;
        java.util.concurrent.atomic.AtomicLong ran = new java.util.concurrent.atomic.AtomicLong();
        out.printf(Locale.ROOT, "exploring %s: up to %,d schedules (%s); Ctrl-C stops it%n", scenario, iterations, kind);
        out.flush();
        stop.say(() -> String.format(Locale.ROOT, "stopped after %,d schedules; no failing schedule found so far", ran.get()));
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr())) {
            dev.wdfrr.replayer.ProgressListener counting = (done, total, unit) -> {
                ran.set(done);
                bar.progress(done, total, unit);
            };
            result = Explorer.explore(scenarios, params, new Explorer.Options(kind, depth, iterations, config, threads, counting));
        }
        stop.say(() -> null); // saving a trace: its StoppableTrace says where it is
        double seconds = result.elapsedNanos() / 1e9;
        if (result.failure() == null) {
            out.printf(Locale.ROOT, "no failure in %,d schedules (%s, %.1f s, %.0f schedules/s)%n", result.schedules(),
                    kind, seconds, result.schedules() / Math.max(seconds, 1e-9));
            return 0;
        }
        Explorer.Found f = result.failure();
        save(f.events(), dir);
        out.printf(Locale.ROOT, "schedule #%d failed (%s) after %,d schedules in %.1f s%n", f.schedule(), f.strategy(),
                result.schedules(), seconds);
        out.println("failure: " + f.result().summary());
        out.printf("trace: %s (%,d events)%n", dir, f.events().size());
        out.println("reproduce: " + Wdfrr.self() + " replay " + dir);
        if (shrink) {
            stop.say(() -> "stopped while shrinking; the failing schedule's trace is at " + dir);
            Shrinker.Result sh = Shrinker.shrink(scenarios, params, config,
                    () -> Strategies.create(kind, f.strategySeed(), depth, result.expectedSteps()), 500);
            Path shrunk = shrunkPath(dir);
            stop.say(() -> null);
            save(sh.events(), shrunk);
            out.printf("shrunk in %d runs: events %,d -> %,d, preemptions %d -> %d, arrivals per device %d -> %d%n", sh.runs(),
                    sh.eventsBefore(), sh.eventsAfter(), sh.preemptionsBefore(), sh.preemptionsAfter(), sh.arrivalsBefore(),
                    sh.arrivalsAfter());
            out.println("shrunk failure: " + sh.result().summary());
            out.println("shrunk trace: " + shrunk + "   reproduce: " + Wdfrr.self() + " replay " + shrunk);
        }
        out.flush();
        return Errors.FINDING;
    }

    private static Path shrunkPath(Path dir) {
        return dir.resolveSibling(dir.getFileName() + "-shrunk");
    }

    private void checkWritable(Path dir) {
        if (Files.exists(dir) && !force) {
            throw new UserError(dir + " already exists; choose another -o or pass --force to replace the trace there");
        }
    }

    private void save(dev.wdfrr.runtime.event.MemorySink events, Path dir) {
        events.copyTo(new StoppableTrace(TraceWriter.create(dir, force), spec.commandLine().getOut(), null));
    }

    private static Path failureDirectory(String scenario) {
        Path base = RecordCommand.defaultDirectory(scenario + "-failure");
        return base;
    }
}
