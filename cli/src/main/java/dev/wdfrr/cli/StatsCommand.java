package dev.wdfrr.cli;

import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Summarises a trace. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Counts per event type, coalesced enqueues and DPCs, latency percentiles per stage, violations.",
        footer = {"", "--json prints one object: {\"events\": {TYPE: count}, \"total_events\": n, \"coalesced\": {\"enqueue\": n, \"dpc\": n}, "
                + "\"requests\": {\"created\", \"completed\", \"cancelled\", \"failed\", \"pending_at_end\"}, "
                + "\"latency\": {STAGE: {\"count\", \"p50\", \"p90\", \"p99\", \"p999\", \"max\" (null when count is 0), \"unmatched\"}}, "
                + "\"violations\": n, "
                + "\"violations_by_rule\": {RULE: n}, \"outcome\": \"passed\"|kind|null, \"truncated\": bool, ...}; times in ns.",
                "Stages: isr_duration, interrupt_to_dpc, dpc_duration, enqueue_to_start, callback_duration, interrupt_to_callback_end, "
                + "request_arrival_to_dispatch, request_dispatch_to_complete, request_arrival_to_complete, request_cancelled "
                + "(a request completed with STATUS_CANCELLED counts only there)."})
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TraceStats stats;
        try (TraceReader reader = TraceReader.open(trace)) {
            stats = TraceStats.of(reader);
        }
        out.print(json ? StatsFormat.json(trace, stats) + System.lineSeparator() : StatsFormat.table(trace, stats));
        out.flush();
        if (stats.truncated() && !json) {
            spec.commandLine().getErr().println("wdfrr stats: " + trace + " " + stats.truncationNote());
        }
        return 0;
    }
}
