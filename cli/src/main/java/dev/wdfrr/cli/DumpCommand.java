package dev.wdfrr.cli;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TraceReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Prints a trace's events. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print one readable line per event (or, with --json, one JSON object per line).")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Parameters(index = "0", paramLabel = "TRACE", description = "Trace directory.")
    Path trace;

    @Option(names = "--from", paramLabel = "N", defaultValue = "0", description = "Start at sequence number N.")
    long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "-1", description = "Print at most N events.")
    long limit;

    @Option(names = "--type", paramLabel = "T", description = "Only events of this type (snake_case, e.g. callback_start); repeatable.")
    List<String> types = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (from < 0) {
            throw new UserError("--from must be >= 0, got " + from);
        }
        if (limit < -1) {
            throw new UserError("--limit must be >= 0, got " + limit);
        }
        boolean[] wanted = wantedTypes();
        PrintWriter out = spec.commandLine().getOut();
        try (TraceReader reader = TraceReader.open(trace)) {
            if (!json) {
                TraceHeader h = reader.header();
                out.printf("# %s: scenario %s, %s engine, seed %d, %s, %d workers, %d CPUs, wdfrr %s%n", trace, h.scenarioId(),
                        h.engine().name().toLowerCase(), h.seed(), h.strategy(), h.workers(), h.cpus(), h.wdfrrVersion());
                out.printf("#      seq         time  thread     cpu  irql      type             details%n");
            }
            if (from > 0) {
                reader.seek(from);
            }
            EventCursor c = new EventCursor();
            long printed = 0;
            while ((limit < 0 || printed < limit) && reader.next(c)) {
                if (wanted != null && (c.typeId() >= wanted.length || !wanted[c.typeId()])) {
                    continue;
                }
                out.println(json ? EventJson.json(c, reader.names()) : EventFormat.line(c, reader.names()));
                printed++;
            }
            if (limit < 0 || printed < limit) {
                reader.truncationNote().ifPresent(note -> spec.commandLine().getErr().println("wdfrr dump: " + trace + " " + note));
            }
        } catch (TraceException e) {
            out.flush();
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }

    private boolean[] wantedTypes() {
        if (types.isEmpty()) {
            return null;
        }
        boolean[] wanted = new boolean[256];
        for (String name : types) {
            for (String part : name.split(",")) {
                EventType t = EventType.ofName(part.trim());
                if (t == null) {
                    List<String> known = new ArrayList<>();
                    for (EventType k : EventType.values()) {
                        known.add(k.wireName());
                    }
                    throw new UserError("--type: unknown event type '" + part + "' (known: " + String.join(", ", known) + ")");
                }
                wanted[t.id()] = true;
            }
        }
        return wanted;
    }
}
