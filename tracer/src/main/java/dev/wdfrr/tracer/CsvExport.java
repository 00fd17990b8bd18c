package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.internal.CsvRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Exports a trace as two RFC 4180 CSV files (UTF-8, CRLF, a header row each), streaming:
 * <ul>
 * <li>events: one row per event, names included, in sequence order:
 *     {@value #EVENTS_HEADER}. {@code type} is the snake_case type, {@code thread} the thread's
 *     name, {@code cpu} -1 for none, {@code irql} the level's name, {@code object_name} the
 *     object's name where {@code object} is an object (else empty), {@code related} and
 *     {@code arg} raw as {@code EventType} documents them, {@code details} as {@code dump} shows
 *     them;</li>
 * <li>spans: one row per latency sample {@link SpanBuilder} pairs, in the order they end:
 *     {@value #SPANS_HEADER}; {@code stage} is a {@link LatencyStage#key()}, times in ns.</li>
 * </ul>
 */
public final class CsvExport {
    public static final String EVENTS_HEADER = "seq,time_ns,type,thread,cpu,irql,object,object_name,related,arg,details";
    public static final String SPANS_HEADER = "stage,start_ns,end_ns,duration_ns,object,object_name,end_seq";

    private CsvExport() {
    }

    /** Rows written, header rows not counted. */
    public record Summary(long events, long spans, boolean truncated) {
    }

    /**
     * The spans file that goes with an events file: {@code FILE} minus {@code .csv}, plus
     * {@code -spans.csv} ({@code out/run.csv} → {@code out/run-spans.csv}, {@code run} →
     * {@code run-spans.csv}).
     */
    public static Path spansPathFor(Path eventsCsv) {
        String name = eventsCsv.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return eventsCsv.resolveSibling(base + "-spans.csv");
    }

    /**
     * Reads the rest of the trace into the two files (replacing them).
     *
     * @throws TraceException when the trace is corrupt or a file cannot be written
     */
    public static Summary write(TraceReader reader, Path eventsCsv, Path spansCsv) {
        try (Writer events = Files.newBufferedWriter(eventsCsv, StandardCharsets.UTF_8);
             Writer spans = Files.newBufferedWriter(spansCsv, StandardCharsets.UTF_8)) {
            return write(reader, events, spans);
        } catch (IOException | UncheckedIOException e) {
            throw new TraceException("cannot write " + eventsCsv + " and " + spansCsv + ": " + PerfettoExport.message(e), e);
        }
    }

    /**
     * Reads the rest of the trace and writes both CSVs; flushes the writers but does not close them.
     *
     * @throws UncheckedIOException when writing fails
     */
    public static Summary write(TraceReader reader, Writer eventsOut, Writer spansOut) {
        CsvRows events = new CsvRows(eventsOut);
        CsvRows spans = new CsvRows(spansOut);
        header(events, EVENTS_HEADER);
        header(spans, SPANS_HEADER);
        Names names = reader.names();
        SpanBuilder builder = new SpanBuilder((stage, start, end, object, endSeq) -> {
            spans.field(stage.key()).field(start).field(end).field(end - start).field(object)
                    .field(names.object(object)).field(endSeq).endRow();
        });
        EventCursor c = new EventCursor();
        while (reader.next(c)) {
            events.field(c.seq()).field(c.time()).field(EventFormat.typeName(c)).field(names.thread(c.thread()))
                    .field(c.cpu()).field(c.irql().name()).field(c.object()).field(objectName(c, names))
                    .field(c.related()).field(c.arg()).field(EventFormat.details(c, names)).endRow();
            builder.accept(c);
        }
        try {
            eventsOut.flush();
            spansOut.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(events.rows() - 1, spans.rows() - 1, reader.truncated());
    }

    private static void header(CsvRows rows, String header) {
        for (String h : header.split(",")) {
            rows.field(h);
        }
        rows.endRow();
    }

    /** The name of the event's object where its {@code object} field is an object id. */
    private static String objectName(EventCursor c, Names names) {
        EventType t = c.type();
        if (t == null || c.object() == 0) {
            return "";
        }
        return switch (t) {
            case NAME, SCHEDULE, THREAD_START, THREAD_END, THREAD_JOIN, MARK, FAILURE, RUN_END, IRQL_CHANGE -> "";
            default -> names.object(c.object());
        };
    }
}
