package dev.wdfrr.cli;

import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.FailureGroup;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Searches schedules for a failing one. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Run a scenario under many schedules until one fails (invariant, exception, verifier violation,",
                "deadlock, step limit); save its trace and print the command that replays it. With --keep-going, run them",
                "all and group the failures. Either way, say how many distinct interleavings of conflicting steps ran."},
        footer = {"", "Exit: 1 a failing schedule was found, 0 none was, 2 bad input."})
final class ExploreCommand implements Callable<Integer> {
    /** Largest PCT depth accepted. */
    static final int MAX_DEPTH = 10_000;
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;
    @Mixin
    ClasspathOptions code;

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "A built-in scenario (see 'wdfrr scenarios'), or with --classpath a class or Class#method.")
    String scenario;

    @Option(names = "--strategy", paramLabel = "NAME", description = {
            "random, pct (change points over steps with a choice), pct-all (over every step), pos (partial order "
            + "sampling) or pos-dep (POS reordering only conflicting steps) (default: pct, or the @WdfTest's)."})
    String strategy;

    @Option(names = "--depth", description = "PCT bug depth d: d - 1 priority change points (default: 3, or the @WdfTest's).")
    Integer depth;

    @Option(names = "--iterations", defaultValue = "10000", description = "Most schedules to run (default: ${DEFAULT-VALUE}).")
    long iterations;

    @Option(names = "--seed", description = "Seed of the exploration (default: 1, or the @WdfTest's).")
    Long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to save the failing trace (default: traces/SCENARIO-failure-TIMESTAMP).")
    Path output;

    @Option(names = "--shrink", description = "Also shrink the failing schedule and save it as DIR-shrunk.")
    boolean shrink;

    @Option(names = "--keep-going", description = {"Run every schedule, group the failures by signature (kind, message without "
            + "numbers, failing object) and save the first trace of each group as DIR-1, DIR-2, ..."})
    boolean keepGoing;

    @Option(names = "--jitter", paramLabel = "D", description = {"Time window: a step due at virtual time t (a timed wait, an arrival, "
            + "modelled work) may be taken from t - D on, relative to the others (default: 0). The chosen times are in "
            + "the trace, so replay is exact; latencies in such a trace are off by up to D per timed step."})
    String jitter;

    @Option(names = "--force", description = "Replace existing traces at the output paths.")
    boolean force;

    @Option(names = "--workers", description = "System worker threads (default: 2, or the @WdfTest's).")
    Integer workers;

    @Option(names = "--cpus", description = "Virtual CPUs (default: 2, or the @WdfTest's).")
    Integer cpus;

    @Option(names = "--duration", paramLabel = "D", description = "Modelled time sources run (default: 5ms).")
    String duration;

    @Option(names = "--param", paramLabel = "K=V", description = "A scenario parameter; repeatable.")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Option(names = "--step-limit", defaultValue = "1000000", description = "Steps before a schedule counts as a livelock (default: ${DEFAULT-VALUE}).")
    long stepLimit;

    @Override
    public Integer call() {
        try (ScenarioResolver resolver = code.resolver()) {
            resolved = resolver.byName(scenario, !code.disableAssertions);
            return explore();
        }
    }

    /** The scenario, once resolved (its class loader open until the command ends). */
    private ScenarioResolver.Resolved resolved;

    /** Options not given take a test method's @WdfTest settings, else the defaults. */
    private void defaults(ScenarioResolver.Resolved resolved) {
        strategy = strategy != null ? strategy : resolved.setting("strategy", "pct");
        depth = depth != null ? depth : Integer.valueOf(resolved.setting("depth", "3"));
        seed = seed != null ? seed : Long.valueOf(resolved.setting("seed", "1"));
        workers = workers != null ? workers : Integer.valueOf(resolved.setting("workers", "2"));
        cpus = cpus != null ? cpus : Integer.valueOf(resolved.setting("cpus", "2"));
    }

    private Integer explore() {
        PrintWriter out = spec.commandLine().getOut();
        defaults(resolved);
        Scenario s = resolved.scenarios().get();
        Strategies.Kind kind;
        try {
            kind = Strategies.Kind.parse(strategy);
        } catch (IllegalArgumentException e) {
            throw new UserError("--strategy: " + e.getMessage());
        }
        if (iterations < 1) {
            throw new UserError("--iterations must be at least 1, got " + iterations);
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            // PCT keeps depth - 1 change points per schedule: a depth beyond the steps of a run buys nothing.
            throw new UserError("--depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
        }
        s.checkParameters(dev.wdfrr.runtime.Parameters.of(s, params)); // unknown names and bad values fail here, before any run
        RunConfig.Builder base = RunConfig.builder().engine(EngineKind.DETERMINISTIC).seed(seed).workers(workers).cpus(cpus)
                .stepLimit(stepLimit);
        if (duration != null) {
            long nanos = dev.wdfrr.runtime.Durations.parse(duration, "--duration");
            if (nanos <= 0) {
                throw new UserError("--duration must be positive, got " + duration);
            }
            base.durationNanos(nanos);
        }
        if (jitter != null) {
            base.jitterNanos(dev.wdfrr.runtime.Durations.parse(jitter, "--jitter"));
        }
        RunConfig config = base.build();
        Path dir = output != null ? output : failureDirectory(resolved.id());
        if (!keepGoing) { // with --keep-going the paths depend on how many kinds of failure there are
            checkWritable(dir);
            if (shrink) {
                checkWritable(shrunkPath(dir));
            }
        }
        try (StopNotice stop = new StopNotice(out)) {
            return explore(out, kind, config, dir, stop);
        }
    }

    private int explore(PrintWriter out, Strategies.Kind kind, RunConfig config, Path dir, StopNotice stop) {
        Supplier<Scenario> scenarios = resolved.scenarios();
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
            result = Explorer.explore(scenarios, params, new Explorer.Options(kind, depth, iterations, config, threads, counting)
                    .keepGoing(keepGoing));
        }
        stop.say(() -> null); // saving a trace: its StoppableTrace says where it is
        double seconds = result.elapsedNanos() / 1e9;
        if (result.failure() == null) {
            out.printf(Locale.ROOT, "no failure in %,d schedules (%s, %.1f s, %.0f schedules/s)%n", result.schedules(),
                    kind, seconds, result.schedules() / Math.max(seconds, 1e-9));
            out.println("coverage: " + result.coverage().describe());
            return 0;
        }
        if (result.failure().result().cause() instanceof dev.wdfrr.runtime.ConfigurationException bad) {
            throw new UserError(bad.getMessage(), bad); // a bad parameter fails every schedule: not a finding
        }
        ClasspathProblems.check(result.failure().result(), code.classpath);
        if (keepGoing) {
            reportGroups(out, result, dir, seconds, scenarios, config, kind, stop);
        } else {
            Explorer.Found f = result.failure();
            save(f.events(), dir);
            // numbered from 1 as @WdfTest does; the threads run ahead of the first failure in order
            out.printf(Locale.ROOT, "schedule %,d failed (%s); %,d schedules run in %.1f s on %d thread%s%n", f.schedule() + 1,
                    f.strategy(), result.schedules(), seconds, threads, threads == 1 ? "" : "s");
            out.println("failure: " + f.result().summary());
            printIfAny(out, f.result().otherViolations());
            out.printf("trace: %s (%,d events)%n", dir, f.events().size());
            printRaces(out, f.events());
            out.println("reproduce: " + Wdfrr.self() + " replay " + dir + classpathArgument());
            out.println("coverage: " + result.coverage().describe());
            if (shrink) {
                shrink(out, f, dir, scenarios, config, kind, result.expectedSteps(), stop);
            }
        }
        out.flush();
        return Errors.FINDING;
    }

    /** The keep-going table: one row per signature, its count, first schedule and saved trace. */
    private void reportGroups(PrintWriter out, Explorer.Result result, Path dir, double seconds, Supplier<Scenario> scenarios,
                              RunConfig config, Strategies.Kind kind, StopNotice stop) {
        List<FailureGroup> groups = result.groups();
        for (int i = 0; i < groups.size(); i++) {
            checkWritable(groupPath(dir, i));
            if (shrink) {
                checkWritable(shrunkPath(groupPath(dir, i)));
            }
        }
        out.printf(Locale.ROOT, "%,d of %,d schedules failed (%s, %.1f s, %.0f schedules/s), %d kind%s of failure:%n",
                result.failures(), result.schedules(), kind, seconds, result.schedules() / Math.max(seconds, 1e-9),
                groups.size(), groups.size() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "%8s  %8s  %s%n", "count", "first", "signature / trace");
        for (int i = 0; i < groups.size(); i++) {
            FailureGroup g = groups.get(i);
            Path trace = groupPath(dir, i);
            save(g.first().events(), trace);
            out.printf(Locale.ROOT, "%,8d  %8d  %s%n%20s%s   reproduce: %s replay %s%s%n", g.count(), g.first().schedule() + 1,
                    g.signature(), "", trace, Wdfrr.self(), trace, classpathArgument());
        }
        out.println("coverage: " + result.coverage().describe());
        if (shrink) {
            for (int i = 0; i < groups.size(); i++) {
                shrink(out, groups.get(i).first(), groupPath(dir, i), scenarios, config, kind, result.expectedSteps(), stop);
            }
        }
    }

    private void shrink(PrintWriter out, Explorer.Found f, Path dir, Supplier<Scenario> scenarios, RunConfig config,
                        Strategies.Kind kind, long expectedSteps, StopNotice stop) {
        stop.say(() -> "stopped while shrinking; the failing schedule's trace is at " + dir);
        Shrinker.Result sh = Shrinker.shrink(scenarios, params, config,
                () -> Strategies.create(kind, f.strategySeed(), depth, expectedSteps), 500);
        Path shrunk = shrunkPath(dir);
        stop.say(() -> null);
        save(sh.events(), shrunk);
        out.printf("shrunk in %d runs: events %,d -> %,d, preemptions %d -> %d, arrivals per device %d -> %d%n", sh.runs(),
                sh.eventsBefore(), sh.eventsAfter(), sh.preemptionsBefore(), sh.preemptionsAfter(), sh.arrivalsBefore(),
                sh.arrivalsAfter());
        out.println("shrunk failure: " + sh.result().summary());
        printIfAny(out, sh.result().otherViolations());
        printRaces(out, sh.events());
        out.println("shrunk trace: " + shrunk + "   reproduce: " + Wdfrr.self() + " replay " + shrunk + classpathArgument());
    }

    /** The data races of a failing run, when it has any: a count, then one line per race (at most five). */
    private static void printRaces(PrintWriter out, dev.wdfrr.runtime.event.MemorySink events) {
        dev.wdfrr.tracer.RaceReport.Result races = dev.wdfrr.tracer.RaceReport.of(events);
        if (!races.clean() || races.stopped() != null) {
            out.println(races.summary(5));
        }
    }

    /** What a replay of a user's scenario needs besides the trace. */
    private String classpathArgument() {
        return code.classpath == null ? "" : " --classpath " + code.classpath;
    }

    /** DIR-1, DIR-2, …: where the first trace of each failure group goes. */
    private static Path groupPath(Path dir, int group) {
        return dir.resolveSibling(dir.getFileName() + "-" + (group + 1));
    }

    private static Path shrunkPath(Path dir) {
        return dir.resolveSibling(dir.getFileName() + "-shrunk");
    }

    private void checkWritable(Path dir) {
        dev.wdfrr.tracer.TracePaths.checkOutput(dir);
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

    private static void printIfAny(PrintWriter out, String line) {
        if (!line.isEmpty()) {
            out.println(line);
        }
    }
}
