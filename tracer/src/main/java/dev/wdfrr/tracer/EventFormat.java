package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.CellKind;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;

import java.util.Locale;
import java.util.function.LongFunction;

/** Renders one event as a readable line, for {@code dump}, diffs and divergence reports. */
public final class EventFormat {
    private EventFormat() {
    }

    /** {@code       12      1.250us  worker-0    -  PASSIVE   callback_start   'rx-work' (#4) instance 1}. */
    public static String line(EventCursor c, Names n) {
        return line(c, n, EventFormat::micros);
    }

    /** {@link #line(EventCursor, Names)} with the time written by {@code time}. */
    public static String line(EventCursor c, Names n, LongFunction<String> time) {
        return String.format(Locale.ROOT, "%8d %12s  %-10s %3s  %-8s  %-15s  %s", c.seq(), time.apply(c.time()),
                n.thread(c.thread()), c.cpu() < 0 ? "-" : Integer.toString(c.cpu()), c.irql(), typeName(c),
                details(c, n));
    }

    public static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.3fus", nanos / 1000.0);
    }

    /**
     * Times since the run started, to the nanosecond, in one unit for a whole trace that lasts
     * about {@code durationNanos}: {@code 10.000us} for runs under a millisecond, {@code 1.137903ms}
     * under a second, {@code 2.345678901s} beyond.
     */
    public static LongFunction<String> times(long durationNanos) {
        if (durationNanos < 1_000_000) {
            return EventFormat::micros;
        }
        if (durationNanos < 1_000_000_000) {
            return t -> String.format(Locale.ROOT, "%.6fms", t / 1e6);
        }
        return t -> String.format(Locale.ROOT, "%.9fs", t / 1e9);
    }

    /** The snake_case type name, or {@code type-N} for an unknown id. */
    public static String typeName(EventCursor c) {
        EventType t = c.type();
        return t == null ? "type-" + c.typeId() : t.wireName();
    }

    static String obj(Names n, int id) {
        return "'" + n.object(id) + "' (#" + id + ")";
    }

    /** The type-specific part of the line. */
    public static String details(EventCursor c, Names n) {
        EventType t = c.type();
        if (t == null) {
            return "object #" + c.object() + " related " + c.related() + " arg " + c.arg();
        }
        int o = c.object();
        long a = c.arg();
        return switch (t) {
            case NAME -> {
                NameKind k = NameKind.ofId(c.related());
                yield (k == null ? "name" : k.name().toLowerCase(Locale.ROOT)) + " " + o + " = \"" + TraceText.escape(c.text()) + "\"";
            }
            case INTERRUPT -> "interrupt " + obj(n, o) + " raised by " + obj(n, c.related()) + " on cpu " + a;
            case ISR_START, DPC_START, DPC_END, FLUSH_START, CLEANUP, DESTROY, LOCK_TIMEOUT -> obj(n, o);
            case ISR_END -> obj(n, o) + (a == 1 ? " claimed" : " not claimed");
            case DPC_QUEUE -> obj(n, o) + (a == 1 ? " queued" : " coalesced (already queued)");
            case WORKITEM_CREATE -> obj(n, o) + " parent #" + c.related() + (a == 1 ? " serialized" : "");
            case ENQUEUE -> obj(n, o) + (a == 1 ? " queued" : " coalesced (already queued)")
                    + (c.related() != 0 ? " for interrupt #" + c.related() : "");
            case CALLBACK_START, CALLBACK_END -> obj(n, o) + " instance " + a;
            case FLUSH_END -> obj(n, o) + (a == 1 ? " after waiting" : " at once");
            case DELETE -> {
                DeleteState s = DeleteState.ofArg(a);
                yield obj(n, o) + " found " + (s == null ? "state " + a : s.name().toLowerCase(Locale.ROOT))
                        + ((a & DeleteState.DEFERRED_FLAG) != 0 ? ", deferred" : "");
            }
            case LOCK_ACQUIRE, LOCK_RELEASE -> {
                LockKind k = LockKind.ofId(a);
                yield (k == null ? "lock" : k.name().toLowerCase(Locale.ROOT)) + " " + obj(n, o);
            }
            case VIOLATION -> {
                String text = n.string(c.related());
                Rule r = Rule.ofId((int) a);
                // The runtime's message starts with the rule's name already.
                yield r != null && text.startsWith(r.verifierName() + ":") ? text : (r == null ? "rule " + a : r.verifierName()) + ": " + text;
            }
            case SCHEDULE -> o != 0 ? "chose " + n.thread(o)
                    : c.related() == 1 ? "chose time " + micros(a) : c.related() == 2 ? "chose cpu " + a : "chose " + a;
            case MARK -> "\"" + n.string(c.related()) + "\" " + a;
            case FAILURE -> {
                FailureKind k = FailureKind.ofId(a);
                yield (k == null ? "failure" : k.label()) + ": " + n.string(c.related());
            }
            case REG_READ -> obj(n, o) + " reg " + c.related() + " -> " + a;
            case REG_WRITE -> obj(n, o) + " reg " + c.related() + " <- " + a;
            case FIFO_PUSH -> obj(n, o) + " <- " + a;
            case FIFO_POP -> obj(n, o) + (a < 0 ? " empty" : " -> " + a);
            case OBJECT_CREATE -> {
                ObjectKind k = ObjectKind.ofId(a);
                yield (k == null ? "object" : k.name().toLowerCase(Locale.ROOT).replace('_', ' ')) + " " + obj(n, o)
                        + (c.related() != 0 ? " parent #" + c.related() : "");
            }
            case THREAD_START -> "thread " + n.thread(o) + (c.related() != 0 ? " for " + obj(n, c.related()) : "");
            case THREAD_END -> "thread " + n.thread(o);
            case RUN_END -> {
                FailureKind k = FailureKind.ofId(a);
                yield "outcome " + (k == null ? a : k.label());
            }
            case ARRIVAL -> obj(n, o) + " arrival " + a;
            case IRQL_CHANGE -> "to " + (a >= 0 && a < 4 ? Irql.ofOrdinal((int) a) : a);
            case DEVICE_STOP -> obj(n, o) + " stopped after " + a + " arrivals";
            case CALLBACK_WAIT -> obj(n, o) + " dequeued, waits for " + obj(n, c.related());
            case INTERRUPT_MASKED -> obj(n, o) + " raised no interrupt (status " + a + ")";
            case DISPOSE_START -> obj(n, o) + " (deferred disposal)";
            case DISPOSE_END -> obj(n, o) + " disposed";
            case MEM_READ -> obj(n, o) + " -> " + a + ((c.related() & EventType.ATOMIC) != 0 ? " (interlocked)" : "");
            case MEM_WRITE -> obj(n, o) + " <- " + a + ((c.related() & EventType.ATOMIC) != 0 ? " (interlocked)" : "");
            case CELL_CREATE -> {
                CellKind k = CellKind.ofId(a);
                yield (k == null ? "cell" : k.name().toLowerCase(Locale.ROOT) + " cell") + " " + obj(n, o)
                        + (c.related() != 0 ? " of #" + c.related() : "");
            }
            case KEVENT_CREATE -> {
                KernelEventKind k = KernelEventKind.ofArg(a);
                yield (k == null ? "event" : k.name().toLowerCase(Locale.ROOT) + " event") + " " + obj(n, o)
                        + ((a & EventType.SIGNALED) != 0 ? " signaled" : "") + (c.related() != 0 ? " parent #" + c.related() : "");
            }
            case KEVENT_SET -> obj(n, o) + " set #" + c.related() + ((a & EventType.SIGNALED) != 0 ? " (was signaled)" : "")
                    + ", satisfied " + (a >>> 1) + " wait" + ((a >>> 1) == 1 ? "" : "s");
            case KEVENT_CLEAR -> obj(n, o) + ((a & EventType.SIGNALED) != 0 ? " (was signaled)" : " (was not signaled)");
            case KEVENT_WAIT -> obj(n, o) + (a < 0 ? " no timeout" : " timeout " + a + "ns");
            case KEVENT_WAKE -> obj(n, o) + (c.related() == 0 ? " signaled at creation" : " by set #" + c.related());
            case KEVENT_TIMEOUT -> obj(n, o) + " timed out";
            case CALL_SITE -> "at " + n.site(c.related());
            case THREAD_JOIN -> "thread " + n.thread(o) + " ended";
            case QUIESCENT -> "nothing left to run";
            case CONTEXT_CREATE -> obj(n, o) + " context " + n.string(c.related());
            case REQUEST_CREATE, REQUEST_DISPATCH, REQUEST_COMPLETE, REQUEST_CANCEL, REQUEST_MARK_CANCELABLE,
                    REQUEST_UNMARK_CANCELABLE, REQUEST_FORWARD, REQUEST_REQUEUE, REQUEST_STOP_ACK, QUEUE_START, QUEUE_STOP,
                    QUEUE_PURGE, QUEUE_DRAIN, QUEUE_IDLE, QUEUE_READY_NOTIFY -> IoEventText.details(c, n);
            case TIMER_START, TIMER_FIRE, TIMER_STOP, WDFDPC_ENQUEUE, WDFDPC_CANCEL, D0_ENTRY, D0_EXIT, PREPARE_HARDWARE,
                    RELEASE_HARDWARE, SURPRISE_REMOVAL, EVT_CALLBACK_START, EVT_CALLBACK_END, PNP_ARRIVAL, INTERRUPT_STATE,
                    HARDWARE_STATE -> PnpEventText.details(c, n);
            case RUNDOWN -> obj(n, o) + (a == 1 ? " runs down, waiting for its callbacks" : " runs down");
        };
    }
}
