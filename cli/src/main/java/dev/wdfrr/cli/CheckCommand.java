package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.tracer.TraceCheck;
import dev.wdfrr.tracer.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** The verifier's rules, and latency budgets, over a recorded trace. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Evaluate the verifier rules over a trace offline: IRQL of each call, lock pairing, use after delete, "
                + "flush from own callback, leaked work items, waits on itself; data races (two threads access one cell or "
                + "register, one writes, nothing orders them: DataRace). Also reports the run's own failure, and "
                + "latency budgets as warnings (DPC over 100us, ISR over 25us)."},
        footer = {"", "Exit: 1 when there are errors (rule violations, data races, the run's failure), or warnings too with --fail-on warning; "
                + "0 otherwise (budget warnings are reported, not failed); 2 bad input.",
                "Each rule that fired gets a note: whose check it is (the framework's, a Static Driver Verifier rule's, or wdfrr's "
                + "own) and what the real driver does there (a verifier break, a hang, bug check 0x10D ...).",
                "--json prints {\"trace\", \"findings\": [{\"seq\", \"rule\", \"severity\", \"object\", \"object_name\", \"thread\", "
                + "\"message\", \"source\", \"origin\", \"real_behavior\"}], \"counts\": {RULE: n}, \"errors\", \"warnings\", \"omitted\", "
                + "\"truncated\", \"leaks_checked\", \"race_analysis\"}; origin is framework, static-driver-verifier, wdfrr, guidance or run."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--dpc-budget", paramLabel = "D", defaultValue = "100us", description = "Longest acceptable DPC (default: ${DEFAULT-VALUE}).")
    String dpcBudget;

    @Option(names = "--isr-budget", paramLabel = "D", defaultValue = "25us", description = "Longest acceptable ISR (default: ${DEFAULT-VALUE}).")
    String isrBudget;

    @Option(names = "--no-budgets", description = "Check the rules only, not the latency budgets.")
    boolean noBudgets;

    @Option(names = "--fail-on", paramLabel = "error|warning", defaultValue = "error",
            description = "Lowest severity that makes the exit code 1 (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--json", description = "Print one JSON object instead of lines.")
    boolean json;

    @Override
    public Integer call() {
        TraceCheck.Severity threshold = switch (failOn.toLowerCase(java.util.Locale.ROOT)) {
            case "error", "errors" -> TraceCheck.Severity.ERROR;
            case "warning", "warnings" -> TraceCheck.Severity.WARNING;
            default -> throw new UserError("--fail-on: expected error or warning, got '" + failOn + "'");
        };
        TraceCheck.Options options = noBudgets ? TraceCheck.Options.defaults().withoutBudgets()
                : TraceCheck.Options.defaults().withDpcBudgetNanos(Durations.parse(dpcBudget, "--dpc-budget"))
                        .withIsrBudgetNanos(Durations.parse(isrBudget, "--isr-budget"));
        TraceCheck.Result result;
        try (TraceReader reader = TraceReader.open(trace)) {
            result = TraceCheck.check(reader, options);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(result));
        } else {
            for (TraceCheck.Finding f : result.findings()) {
                out.println(f.line());
            }
            if (result.raceNote() != null) {
                out.println(result.raceNote());
            }
            for (String note : TraceCheck.ruleNotes(result)) {
                out.println("note: " + note);
            }
            out.println(summary(result));
        }
        out.flush();
        return result.failsAt(threshold) ? Errors.FINDING : 0;
    }

    /** "no findings in N events" or "2 errors, 1 warning (Rule n, ...)". */
    static String summary(TraceCheck.Result r) {
        if (r.clean()) {
            return "no findings in " + r.events() + " events" + (r.truncated() ? " (" + r.truncationNote() + "; leaks not checked)" : "");
        }
        StringBuilder sb = new StringBuilder(plural(r.errors(), "error") + ", " + plural(r.warnings(), "warning") + " (");
        boolean first = true;
        for (Map.Entry<String, Long> e : r.countsByRule().entrySet()) {
            sb.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            first = false;
        }
        sb.append(')');
        if (r.omitted() > 0) {
            sb.append("; ").append(r.omitted()).append(" more not listed");
        }
        return sb.toString();
    }

    private static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private String json(TraceCheck.Result r) {
        Json j = new Json().open().field("trace", trace.toString());
        j.key("findings");
        StringBuilder arr = new StringBuilder("[");
        boolean first = true;
        for (TraceCheck.Finding f : r.findings()) {
            arr.append(first ? "" : ",").append(new Json().open().field("seq", f.seq()).field("rule", f.rule())
                    .field("severity", f.severity().name().toLowerCase()).field("object", f.object())
                    .field("object_name", f.objectName()).field("thread", f.thread()).field("message", f.message())
                    .field("source", f.source().name().toLowerCase()).field("origin", f.origin())
                    .field("real_behavior", f.realBehavior()).close());
            first = false;
        }
        j.raw(arr.append(']').toString());
        j.key("counts").open();
        r.countsByRule().forEach(j::field);
        j.close();
        return j.field("errors", r.errors()).field("warnings", r.warnings()).field("omitted", r.omitted())
                .field("truncated", r.truncated()).field("leaks_checked", r.leaksChecked())
                .field("race_analysis", r.raceNote() == null ? "complete" : r.raceNote()).close().toString();
    }
}
