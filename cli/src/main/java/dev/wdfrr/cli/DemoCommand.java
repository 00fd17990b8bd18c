package dev.wdfrr.cli;

import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.EventSink;
import dev.wdfrr.runtime.EventType;
import dev.wdfrr.runtime.NameKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs the NIC scenario live and shows what happened. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the built-in NIC scenario live for about 2 s and print event counts and whether its invariant held.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Option(names = "--duration", defaultValue = "2s", description = "How long the NIC receives packets (default: ${DEFAULT-VALUE}).")
    String duration;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long nanos = Durations.parse(duration, "--duration");
        if (nanos == 0) {
            throw new UserError("--duration must be positive");
        }
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        CountingSink counts = new CountingSink();
        out.printf("Running scenario nic live for %s (2 workers, 2 CPUs)...%n", Durations.format(nanos));
        out.flush();
        RunResult result = WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .durationNanos(nanos).workers(2).cpus(2).sink(counts).build());
        out.printf("%n%-16s %10s%n", "event", "count");
        for (EventType t : EventType.values()) {
            long n = counts.count(t);
            if (n > 0) {
                out.printf("%-16s %10d%n", t.wireName(), n);
            }
        }
        out.printf("%-16s %10d%n%n", "total", result.events());
        out.printf("coalesced: %d of %d enqueues, %d of %d DPC queues%n",
                counts.coalescedEnqueues, counts.count(EventType.ENQUEUE),
                counts.coalescedDpcs, counts.count(EventType.DPC_QUEUE));
        out.println(result.passed() ? "invariant held: every packet received was processed exactly once"
                : "FAILED: " + result.summary());
        out.flush();
        return result.passed() ? 0 : Errors.FINDING;
    }

    /** Counts events per type without keeping them. */
    static final class CountingSink implements EventSink {
        private final long[] counts = new long[64];
        long coalescedEnqueues;
        long coalescedDpcs;

        @Override
        public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
            counts[type]++;
            if (arg == 0 && type == EventType.ENQUEUE.id()) {
                coalescedEnqueues++;
            } else if (arg == 0 && type == EventType.DPC_QUEUE.id()) {
                coalescedDpcs++;
            }
        }

        @Override
        public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
            counts[EventType.NAME.id()]++;
        }

        long count(EventType t) {
            return counts[t.id()];
        }
    }
}
