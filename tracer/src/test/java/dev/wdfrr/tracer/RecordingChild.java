package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by tests: records {@code nic} live to the given directory and prints
 * "written N" after every {@code every}-th event has been handed to the trace writer, so the
 * parent knows what was complete before it kills this process.
 */
public final class RecordingChild {
    private RecordingChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long durationNanos = Long.parseLong(args[1]);
        long every = Long.parseLong(args[2]);
        TraceWriter writer = TraceWriter.create(dir, false);
        EventSink reporting = new EventSink() {
            @Override
            public void begin(RunInfo info) {
                writer.begin(info);
            }

            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
                writer.event(seq, time, type, thread, cpu, irql, object, related, arg);
                report(seq);
            }

            @Override
            public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
                writer.name(seq, time, thread, kind, id, text);
                report(seq);
            }

            private void report(long seq) {
                if (seq % every == every - 1) {
                    System.out.println("written " + seq);
                    System.out.flush();
                }
            }

            @Override
            public void close() {
                writer.close();
            }
        };
        Scenario nic = BuiltInScenarios.create("nic").orElseThrow();
        WdfRunner.run(nic, Parameters.of(nic, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .durationNanos(durationNanos).sink(reporting).build());
        System.out.println("done");
    }
}
