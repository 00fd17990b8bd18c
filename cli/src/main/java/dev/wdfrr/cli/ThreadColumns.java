package dev.wdfrr.cli;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.Names;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dump --threads}: the events as a sequence diagram in text, one column per thread (in
 * the order threads first act), one row per event, each event in its thread's column in a few
 * words; failures and violations in full below. Made in two passes over the trace: the first
 * finds the threads and how wide their columns must be, the second prints; memory follows the
 * threads, not the events.
 */
final class ThreadColumns {
    /** Widest a column gets; longer cells are cut with an ellipsis (failures are printed whole below). */
    static final int MAX_WIDTH = 26;

    private final Map<Integer, Integer> width = new LinkedHashMap<>();
    /** Thread names as the first pass saw them: the second prints its header before reading any name. */
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** First pass: notes the threads and the widths of their columns. */
    void measure(EventCursor c, Names n) {
        String cell = cell(c, n);
        String name = names.computeIfAbsent(c.thread(), n::thread);
        int w = Math.min(MAX_WIDTH, Math.max(cell.length(), name.length()));
        width.merge(c.thread(), w, Math::max);
    }

    /** The header line: {@code seq}, {@code time} and the threads' names. */
    void header(PrintWriter out, String timeHeading, int timeWidth) {
        StringBuilder b = new StringBuilder(String.format("%8s  %" + timeWidth + "s", "#", timeHeading));
        width.forEach((t, w) -> b.append("  ").append(pad(names.get(t), w)));
        out.println(b.toString().stripTrailing());
    }

    /** Second pass: one row. */
    void row(PrintWriter out, EventCursor c, Names n, String time) {
        StringBuilder b = new StringBuilder(String.format("%8d  %s", c.seq(), time));
        for (Map.Entry<Integer, Integer> e : width.entrySet()) {
            b.append("  ").append(pad(e.getKey() == c.thread() ? cell(c, n) : "", e.getValue()));
        }
        out.println(b.toString().stripTrailing());
        EventType t = c.type();
        if (t == EventType.FAILURE || t == EventType.VIOLATION) {
            notes.add(String.format("#%d %s %s: %s", c.seq(), n.thread(c.thread()), EventFormat.typeName(c), EventFormat.details(c, n)));
        }
    }

    /** After the rows: failures and violations in full, which the columns cut short. */
    void footer(PrintWriter out) {
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(out::println);
        }
    }

    boolean isEmpty() {
        return width.isEmpty();
    }

    /** An event in a few words, as its thread's column shows it. */
    static String cell(EventCursor c, Names n) {
        EventType t = c.type();
        if (t == null) {
            return EventFormat.typeName(c);
        }
        String obj = n.object(c.object());
        long a = c.arg();
        return switch (t) {
            case REG_READ -> obj + " reg" + c.related() + " -> " + a;
            case REG_WRITE -> obj + " reg" + c.related() + " <- " + a;
            case MEM_READ -> obj + " -> " + a;
            case MEM_WRITE -> obj + " <- " + a;
            case KEVENT_SET -> "set " + obj;
            case KEVENT_CLEAR -> "clear " + obj;
            case KEVENT_WAIT -> "wait " + obj;
            case KEVENT_WAKE -> "woken by " + obj;
            case KEVENT_TIMEOUT -> "timed out on " + obj;
            case FIFO_PUSH -> obj + " <- " + a;
            case FIFO_POP -> obj + (a < 0 ? " empty" : " -> " + a);
            case ENQUEUE -> "enqueue " + obj + (a == 1 ? "" : " (coalesced)");
            case DPC_QUEUE -> "queue DPC " + obj + (a == 1 ? "" : " (coalesced)");
            case CALLBACK_START -> "callback " + obj + " #" + a;
            case CALLBACK_END -> "end callback " + obj + " #" + a;
            case ISR_START -> "ISR " + obj;
            case ISR_END -> "end ISR " + obj;
            case DPC_START -> "DPC " + obj;
            case DPC_END -> "end DPC " + obj;
            case LOCK_ACQUIRE -> "acquire " + obj;
            case LOCK_RELEASE -> "release " + obj;
            case INTERRUPT -> "interrupt " + obj;
            case ARRIVAL -> "arrival " + a;
            case FAILURE -> {
                FailureKind k = FailureKind.ofId(a);
                yield "FAILURE" + (k == null ? "" : ": " + k.label());
            }
            case VIOLATION -> {
                Rule r = Rule.ofId((int) a);
                yield "VIOLATION " + (r == null ? "" : r.verifierName());
            }
            case RUN_END -> {
                FailureKind k = FailureKind.ofId(a);
                yield "run end: " + (k == null ? a : k.label());
            }
            case THREAD_START, THREAD_END -> t.wireName() + " " + n.thread(c.object());
            default -> t.wireName() + (c.object() != 0 ? " " + obj : "");
        };
    }

    private static String pad(String s, int w) {
        if (s.length() > w) {
            return s.substring(0, w - 1) + "…";
        }
        return s + " ".repeat(w - s.length());
    }
}
