package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceException;
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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/** Records a scenario run to a trace. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Run a scenario and record every event to a trace directory.",
        footer = {"", "Exit: 0 when the run passed, 1 when it failed (the trace is kept either way), 2 bad input."})
final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;
    @Mixin
    RunOptions run;
    @Mixin
    ClasspathOptions code;

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "A built-in scenario (see 'wdfrr scenarios'), or with --classpath a class or Class#method.")
    String scenario;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Trace directory (default: traces/SCENARIO-TIMESTAMP). Must not exist or be empty.")
    Path output;

    @Option(names = "--force", description = "Replace an existing trace in the output directory.")
    boolean force;

    @Option(names = "--block-size", paramLabel = "BYTES", hidden = true, defaultValue = "4194304",
            description = "Chronicle's mapped chunk size; small values keep small traces' files small.")
    long blockSize;

    @Override
    public Integer call() {
        try (ScenarioResolver resolver = code.resolver()) {
            return record(resolver.byName(scenario, !code.disableAssertions));
        }
    }

    private Integer record(ScenarioResolver.Resolved resolved) {
        PrintWriter out = spec.commandLine().getOut();
        Scenario s = resolved.scenarios().get();
        var config = run.builder(resolved);
        dev.wdfrr.runtime.Parameters params = dev.wdfrr.runtime.Parameters.of(s, run.params);
        s.checkParameters(params); // a bad value fails here, before the trace is begun
        Path dir = output != null ? output : defaultDirectory(resolved.id());
        if (blockSize < 64 << 10 || Long.bitCount(blockSize) != 1) {
            throw new UserError("--block-size must be a power of two of at least 65536, got " + blockSize);
        }
        String engine = run.engineKind().name().toLowerCase(java.util.Locale.ROOT);
        StoppableTrace trace = new StoppableTrace(TraceWriter.create(dir, force, blockSize), out,
                "recording " + s.id() + " (" + engine + ", seed " + run.seed(resolved) + ") to " + dir + "; Ctrl-C stops it and keeps the trace");
        RunResult result = WdfRunner.run(s, params, config.sink(trace).build());
        if (result.cause() instanceof dev.wdfrr.runtime.ConfigurationException bad) {
            trace.discard(); // a bad parameter value: the run never got going, so leave nothing behind
            throw new UserError(bad.getMessage(), bad);
        }
        if (result.cause() instanceof TraceException full) {
            throw new UserError(full.getMessage(), full); // the sink failed: a full disk, say
        }
        ClasspathProblems.check(result, code.classpath);
        out.printf("recorded %s (%s, seed %d) to %s: %,d events over %s%n", s.id(), engine, run.seed(resolved), dir, result.events(),
                Durations.format(trace.lastTime()));
        out.println(result.passed() ? "outcome: passed" : "outcome: " + result.summary());
        if (!result.otherViolations().isEmpty()) {
            out.println(result.otherViolations());
        }
        out.flush();
        return result.passed() ? 0 : Errors.FINDING;
    }

    /** {@code traces/ID-TIMESTAMP}, the id made safe for a file name ({@code Class#method} becomes {@code Class-method}). */
    static Path defaultDirectory(String scenario) {
        scenario = scenario.replaceAll("[^A-Za-z0-9._-]", "-");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("traces", scenario + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("traces", scenario + "-" + stamp + "-" + i);
        }
        return dir;
    }
}
