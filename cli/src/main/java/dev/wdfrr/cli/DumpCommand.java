package dev.wdfrr.cli;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.Names;
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
import java.util.function.LongFunction;

/** Prints a trace's events. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print one readable line per event (or, with --json, one JSON object per line; with --threads, "
                + "one column per thread, like a sequence diagram). Times are since the run started, to the nanosecond, "
                + "in one unit for the whole trace (us, ms or s).")
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

    @Option(names = "--threads", description = "One column per thread, an event per row: the interleaving at a glance, for a bug report.")
    boolean threads;

    @Override
    public Integer call() {
        if (from < 0) {
            throw new UserError("--from must be >= 0, got " + from);
        }
        if (limit < -1) {
            throw new UserError("--limit must be >= 0, got " + limit);
        }
        if (json && threads) {
            throw new UserError("--json and --threads do not go together: choose one");
        }
        boolean[] wanted = wantedTypes();
        PrintWriter out = spec.commandLine().getOut();
        try {
            ThreadColumns columns = null;
            if (threads) {
                columns = new ThreadColumns();
                ThreadColumns measuring = columns;
                pass(wanted, true, (c, n) -> measuring.measure(c, n));
            }
            ThreadColumns table = columns;
            LongFunction<String>[] time = new LongFunction[1];
            pass(wanted, false, new Visitor() {
                @Override
                public void start(TraceReader reader) {
                    TraceHeader h = reader.header();
                    time[0] = EventFormat.times(h.durationNanos());
                    if (json) {
                        return;
                    }
                    String engine = h.engine().name().toLowerCase(java.util.Locale.ROOT);
                    // a live run's strategy is "live": said once, by the engine
                    String strategy = h.strategy().equals(engine) ? "" : h.strategy() + ", ";
                    out.printf("# %s: scenario %s, %s engine, seed %d, %s%d workers, %d CPUs, wdfrr %s%n", trace, h.scenarioId(),
                            engine, h.seed(), strategy, h.workers(), h.cpus(), h.wdfrrVersion());
                    if (table != null) {
                        table.header(out, "time", time[0].apply(0).length());
                    } else {
                        out.printf("#      seq         time  thread     cpu  irql      type             details%n");
                    }
                }

                @Override
                public void event(EventCursor c, Names n) {
                    if (table != null) {
                        table.row(out, c, n, time[0].apply(c.time()));
                    } else {
                        out.println(json ? EventJson.json(c, n) : EventFormat.line(c, n, time[0]));
                    }
                }
            });
            if (table != null) {
                table.footer(out);
            }
        } catch (TraceException e) {
            out.flush();
            throw new UserError(e.getMessage(), e);
        }
        out.flush();
        return 0;
    }

    /** What one pass over the selected events does. */
    private interface Visitor {
        default void start(TraceReader reader) {
        }

        void event(EventCursor c, Names n);
    }

    /**
     * Reads the selected events (from --from, at most --limit of the --type ones) and hands each
     * to {@code v}; the column layout of --threads needs one pass to measure and one to print.
     */
    private void pass(boolean[] wanted, boolean quiet, Visitor v) {
        try (TraceReader reader = TraceReader.open(trace)) {
            v.start(reader);
            if (from > 0) {
                reader.seek(from);
            }
            EventCursor c = new EventCursor();
            long printed = 0;
            while ((limit < 0 || printed < limit) && reader.next(c)) {
                if (wanted != null && (c.typeId() >= wanted.length || !wanted[c.typeId()])) {
                    continue;
                }
                if (threads && (c.type() == EventType.NAME || c.type() == EventType.CALL_SITE)) {
                    continue; // a name defines an id, a call site annotates the next event: noise in a sequence diagram
                }
                v.event(c, reader.names());
                printed++;
            }
            if (!quiet && (limit < 0 || printed < limit)) {
                reader.truncationNote().ifPresent(note -> spec.commandLine().getErr().println("wdfrr dump: " + trace + " " + note));
            }
        }
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
