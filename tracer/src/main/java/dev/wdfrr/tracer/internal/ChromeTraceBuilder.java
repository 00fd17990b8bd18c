package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;
import dev.wdfrr.tracer.TraceHeader;

import java.io.Writer;
import java.util.Locale;

/**
 * Turns trace events, as they stream by, into Chrome Trace Event JSON: slices for ISRs, DPCs,
 * callbacks, flushes, deferred disposals, kernel-event waits and the driver callbacks of the I/O,
 * PnP and timer model (EvtIo…, EvtRequestCancel, D0Entry/D0Exit, EvtTimerFunc…); an async slice
 * per I/O request from its arrival to its completion ({@link RequestSlices}); instants for
 * interrupts, queue-DPC calls, enqueues, deletes, kernel-event sets, PnP arrivals, timer expiries,
 * violations, failures and the run's end; flow arrows along {@link FlowChain} and from a
 * kernel-event set to each wait it woke ({@link KernelEventFlows}). Other events (registers,
 * FIFOs, locks, scheduling) are left out. Internal:
 * {@link dev.wdfrr.tracer.PerfettoExport} is the API.
 *
 * <p>Times are made monotonic per thread (a later event of a thread never gets an earlier time
 * than the previous one), so that every slice has a duration of at least 0.
 */
public final class ChromeTraceBuilder {
    /** Counts of what was written. */
    public record Counts(long slices, long instants, long flows, long unfinishedSlices) {
    }

    private final ChromeTraceWriter out;
    private final SliceTracks tracks;
    private final FlowChain chain = new FlowChain();
    private final KernelEventFlows kernelEvents = new KernelEventFlows();
    private final RequestSlices requests;
    private final Names names;
    /** Per thread: the time of its previous event (compact: a trace may name millions of threads). */
    private final IntLongMap lastTime = new IntLongMap();
    private long maxTime;
    private long flowIds;

    private static final String KEVENT_FLOW = "set -> wait";

    public ChromeTraceBuilder(Writer writer, Names names, TraceHeader header) {
        this.out = new ChromeTraceWriter(writer);
        this.tracks = new SliceTracks(out);
        this.names = names;
        this.requests = new RequestSlices(out, names);
        out.begin("wdfrr " + header.scenarioId() + " (seed " + header.seed() + ", "
                + header.engine().name().toLowerCase(Locale.ROOT) + " engine)");
    }

    public void accept(EventCursor c) {
        EventType type = c.type();
        if (type == null) {
            return;
        }
        if (type == EventType.NAME) {
            if (c.related() == NameKind.THREAD.id()) {
                out.threadName(c.object(), c.text());
            }
            return;
        }
        int th = c.thread();
        out.ensureThread(th, names.thread(th));
        long ts = time(th, c.time());
        int o = c.object();
        switch (type) {
            case INTERRUPT -> instant(c, ts, "interrupt " + names.object(o), "interrupt",
                    args(c).put("device", names.object(c.related())).put("cpu", c.arg()));
            case ISR_START -> tracks.open(th, key("isr", c), ts, "ISR " + names.object(o), "isr", startArgs(c));
            case ISR_END -> close(c, ts, key("isr", c), new JsonArgs().put("end_seq", c.seq()).put("claimed", c.arg() == 1));
            case DPC_QUEUE -> {
                instant(c, ts, "queue DPC " + names.object(o) + (c.arg() == 1 ? "" : " (coalesced)"), "dpc_queue",
                        args(c).put("queued", c.arg() == 1));
                chain.dpcQueued(o, tracks.top(th), ts);
            }
            case DPC_START -> {
                SliceTracks.Slice dpc = tracks.open(th, key("dpc", c), ts, "DPC " + names.object(o), "dpc", startArgs(c));
                chain.dpcStarted(o).forEach(l -> flow(l, dpc, ts, "interrupt -> DPC"));
            }
            case DPC_END -> close(c, ts, key("dpc", c), endArgs(c));
            case ENQUEUE -> {
                JsonArgs a = args(c).put("queued", c.arg() == 1);
                if (c.related() != 0) {
                    a.put("for_interrupt", names.object(c.related()));
                }
                instant(c, ts, "enqueue " + names.object(o) + (c.arg() == 1 ? "" : " (coalesced)"), "enqueue", a);
                chain.enqueued(o, c.arg() == 1, tracks.top(th), ts);
            }
            case CALLBACK_START -> {
                SliceTracks.Slice cb = tracks.open(th, key("callback", c), ts, names.object(o) + " #" + c.arg(), "callback",
                        startArgs(c).put("instance", c.arg()));
                chain.callbackStarted(o).forEach(l -> flow(l, cb, ts, "enqueue -> callback"));
            }
            case CALLBACK_END -> close(c, ts, key("callback", c), endArgs(c));
            case FLUSH_START -> tracks.open(th, key("flush", c), ts, "flush " + names.object(o), "flush", startArgs(c));
            case FLUSH_END -> close(c, ts, key("flush", c), endArgs(c).put("waited", c.arg() == 1));
            case DISPOSE_START -> tracks.open(th, key("dispose", c), ts, "dispose " + names.object(o), "dispose", startArgs(c));
            case DISPOSE_END -> close(c, ts, key("dispose", c), endArgs(c));
            case RUNDOWN -> instant(c, ts, "rundown " + names.object(o), "rundown", args(c).put("waits", c.arg() == 1));
            case DELETE -> {
                DeleteState s = DeleteState.ofArg(c.arg());
                instant(c, ts, "delete " + names.object(o), "delete",
                        args(c).put("state", s == null ? "state " + (c.arg() & 0xff) : s.name().toLowerCase(Locale.ROOT))
                                .put("deferred", (c.arg() & DeleteState.DEFERRED_FLAG) != 0));
            }
            case VIOLATION -> {
                Rule r = Rule.ofId((int) c.arg());
                String rule = r == null ? "Rule" + c.arg() : r.verifierName();
                instant(c, ts, "violation " + rule, "violation", args(c).put("rule", rule).put("message", names.string(c.related())));
            }
            case FAILURE -> {
                FailureKind k = FailureKind.ofId(c.arg());
                instant(c, ts, "failure: " + (k == null ? "kind " + c.arg() : k.label()), "failure",
                        new JsonArgs().put("seq", c.seq()).put("message", names.string(c.related())));
            }
            case KEVENT_SET -> {
                instant(c, ts, "set " + names.object(o), "kevent",
                        args(c).put("set", c.related()).put("waits_satisfied", c.arg() >>> 1));
                // each start right after the set's instant: a viewer binds it to the innermost slice there, that instant
                for (long id : kernelEvents.set(o, c.related(), c.arg() >>> 1, () -> ++flowIds)) {
                    tracks.emit(th, out.flow('s', id, th, ts, KEVENT_FLOW));
                }
            }
            case KEVENT_CLEAR -> instant(c, ts, "clear " + names.object(o), "kevent", args(c));
            case KEVENT_WAIT -> {
                tracks.open(th, key("wait", c), ts, "wait on " + names.object(o), "kevent",
                        startArgs(c).put("timeout_ns", c.arg()));
                kernelEvents.waited(th, c.seq());
            }
            case KEVENT_WAKE -> {
                instant(c, ts, "woken by " + names.object(o), "kevent", args(c).put("set", c.related()));
                long id = kernelEvents.woken(th, c.seq(), o, c.related());
                if (id != 0) {
                    tracks.emit(th, out.flow('f', id, th, ts, KEVENT_FLOW)); // inside the wait, after the wake
                }
                close(c, ts, key("wait", c), endArgs(c).put("satisfied", true));
            }
            case KEVENT_TIMEOUT -> {
                instant(c, ts, "timed out on " + names.object(o), "kevent", args(c));
                close(c, ts, key("wait", c), endArgs(c).put("satisfied", false));
            }
            case QUIESCENT -> instant(c, ts, "quiescent", "run", new JsonArgs().put("seq", c.seq()));
            case RUN_END -> {
                FailureKind k = FailureKind.ofId(c.arg());
                instant(c, ts, "run end: " + (k == null ? "kind " + c.arg() : k.label()), "run", new JsonArgs().put("seq", c.seq()));
            }
            case REQUEST_CREATE, REQUEST_COMPLETE -> requests.accept(c, ts);
            case REQUEST_CANCEL -> {
                dev.wdfrr.runtime.event.CancelReason why = dev.wdfrr.runtime.event.CancelReason.ofId(c.arg() & 0xFF);
                instant(c, ts, "cancel " + names.object(o), "request", args(c).put("reason", why == null ? "?" : why.label()));
            }
            case REQUEST_DISPATCH -> {
                if (c.arg() != CallbackKind.RETRIEVED.id()) {
                    driverCallback(c, ts, CallbackKind.ofId(c.arg()));
                } else {
                    instant(c, ts, "retrieved " + names.object(o), "request", args(c));
                }
            }
            case D0_ENTRY -> driverCallback(c, ts, CallbackKind.D0_ENTRY);
            case D0_EXIT -> driverCallback(c, ts, CallbackKind.D0_EXIT);
            case PREPARE_HARDWARE -> driverCallback(c, ts, CallbackKind.PREPARE_HARDWARE);
            case RELEASE_HARDWARE -> driverCallback(c, ts, CallbackKind.RELEASE_HARDWARE);
            case SURPRISE_REMOVAL -> driverCallback(c, ts, CallbackKind.SURPRISE_REMOVAL);
            case EVT_CALLBACK_START -> driverCallback(c, ts, CallbackKind.ofId(c.related()));
            case EVT_CALLBACK_END -> close(c, ts, new SliceTracks.Key("evt-" + c.related(), o, 0), endArgs(c)
                    .put("status", c.arg()));
            case PNP_ARRIVAL -> {
                dev.wdfrr.runtime.hw.PnpAction a = dev.wdfrr.runtime.hw.PnpAction.ofId(c.arg());
                instant(c, ts, "PnP " + (a == null ? "action " + c.arg() : a.label()) + " of " + names.object(o), "pnp", args(c));
            }
            case TIMER_FIRE -> instant(c, ts, "timer " + names.object(o) + " expired", "timer", args(c).put("queued", c.arg() == 1));
            default -> { }
        }
    }

    /** A driver callback of the I/O, PnP or timer model: an X slice on its thread, closed by its evt_callback_end. */
    private void driverCallback(EventCursor c, long ts, CallbackKind kind) {
        int k = kind == null ? (int) (c.type() == EventType.EVT_CALLBACK_START ? c.related() : c.arg()) : kind.id();
        String label = kind == null ? "callback " + k : kind.label();
        tracks.open(c.thread(), new SliceTracks.Key("evt-" + k, c.object(), 0), ts, label + " " + names.object(c.object()),
                "driver_callback", startArgs(c));
    }

    /** The event's time, never before the previous event of its thread. */
    private long time(int thread, long time) {
        long t = Math.max(time, lastTime.get(thread, time));
        lastTime.put(thread, t == Long.MIN_VALUE ? t + 1 : t);
        maxTime = Math.max(maxTime, t);
        return t;
    }

    private static SliceTracks.Key key(String kind, EventCursor c) {
        long instance = kind.equals("callback") ? c.arg() : 0;
        return new SliceTracks.Key(kind, c.object(), instance);
    }

    private JsonArgs args(EventCursor c) {
        return new JsonArgs().put("object", c.object()).put("object_name", names.object(c.object())).put("seq", c.seq());
    }

    private JsonArgs startArgs(EventCursor c) {
        return new JsonArgs().put("object", c.object()).put("object_name", names.object(c.object())).put("start_seq", c.seq());
    }

    private static JsonArgs endArgs(EventCursor c) {
        return new JsonArgs().put("end_seq", c.seq());
    }

    private void instant(EventCursor c, long ts, String name, String cat, JsonArgs args) {
        tracks.emit(c.thread(), out.instant(c.thread(), ts, name, cat, args));
    }

    private void close(EventCursor c, long ts, SliceTracks.Key key, JsonArgs endArgs) {
        tracks.close(c.thread(), key, ts, endArgs);
    }

    /** An arrow: written only once both ends are known, each end after the slice it binds to. */
    private void flow(FlowChain.Link from, SliceTracks.Slice to, long ts, String name) {
        long id = ++flowIds;
        tracks.emitBound(from.from(), out.flow('s', id, from.from().thread, from.ts(), name));
        tracks.emitBound(to, out.flow('f', id, to.thread, ts, name));
    }

    /**
     * Closes the slices still open (starts whose ends the trace does not hold) at the last
     * timestamp, marked {@code "unfinished": true}, and ends the JSON.
     */
    public Counts finish(TraceHeader header, long events, boolean truncated) {
        int unfinished = tracks.closeAll(maxTime) + requests.closeAll(maxTime);
        JsonArgs other = new JsonArgs().put("wdfrr", header.wdfrrVersion()).put("scenario", header.scenarioId())
                .put("seed", header.seed()).put("engine", header.engine().name().toLowerCase(Locale.ROOT))
                .put("strategy", header.strategy()).put("events", events).put("truncated", truncated)
                .put("unfinished_slices", unfinished);
        out.end(other);
        return new Counts(out.slices(), out.instants(), out.flows(), unfinished);
    }
}
