package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;
import dev.wdfrr.tracer.TraceCheck;
import dev.wdfrr.tracer.TraceCheck.Finding;
import dev.wdfrr.tracer.TraceCheck.Severity;
import dev.wdfrr.tracer.TraceCheck.Source;

import java.util.HashMap;
import java.util.Map;

/**
 * The verifier rules evaluated over a trace as it streams by, one event at a time: memory grows
 * with the objects, threads and locks alive at once, never with the trace. Feed every event to
 * {@link #accept}, then call {@link #finish}. Internal: {@link TraceCheck} is the API.
 */
public final class OfflineVerifier implements Reporter {
    private final Names names;
    private final FindingLog log;
    private final long dpcBudgetNanos;
    private final long isrBudgetNanos;
    private final Map<Integer, ThreadFrames> threads = new HashMap<>();
    private final ObjectTable objects = new ObjectTable();
    private final LockRules locks;
    private final LifecycleRules lifecycle;
    private final IoRules io;
    private FailureKind outcome;
    private long lastSeq = -1;

    public OfflineVerifier(Names names, FindingLog log, long dpcBudgetNanos, long isrBudgetNanos) {
        this.names = names;
        this.log = log;
        this.dpcBudgetNanos = dpcBudgetNanos;
        this.isrBudgetNanos = isrBudgetNanos;
        this.locks = new LockRules(names, this);
        this.lifecycle = new LifecycleRules(objects, names, this);
        this.io = new IoRules(names, this);
    }

    /** Checks one event; the names it uses are those defined so far. */
    public void accept(EventCursor c) {
        lastSeq = c.seq();
        EventType t = c.type();
        if (t == null || t == EventType.NAME || t == EventType.CALL_SITE) {
            return; // annotations of the thread's next event: a violation before them still pairs with it
        }
        if (t == EventType.VIOLATION) {
            recorded(c);
            return;
        }
        log.event(c.thread());
        checkIrql(c);
        // Frames are kept only while a thread has some open: memory follows what runs, not how
        // many threads the trace ever named.
        ThreadFrames thread = threads.get(c.thread());
        if (thread == null) {
            thread = new ThreadFrames(c.thread());
        }
        switch (t) {
            case OBJECT_CREATE -> lifecycle.objectCreated(c);
            case WORKITEM_CREATE -> lifecycle.workItemCreated(c);
            case ENQUEUE -> lifecycle.enqueue(c);
            case FLUSH_START -> lifecycle.flush(c, thread);
            case DELETE -> lifecycle.delete(c);
            case RUNDOWN -> lifecycle.rundown(c, thread);
            case CALLBACK_WAIT -> lifecycle.instanceTaken(c);
            case DESTROY -> lifecycle.destroyed(c);
            case LOCK_ACQUIRE -> locks.acquire(c);
            case LOCK_RELEASE -> locks.release(c);
            case CALLBACK_START -> {
                lifecycle.instanceTaken(c);
                push(thread, new ThreadFrames.Frame(ThreadFrames.Kind.CALLBACK, c.object(), c.arg(), c.time(), c.seq()));
            }
            case CALLBACK_END -> {
                end(c, thread, ThreadFrames.Kind.CALLBACK, c.arg());
                lifecycle.instanceEnded(c);
            }
            case ISR_START -> push(thread, new ThreadFrames.Frame(ThreadFrames.Kind.ISR, c.object(), 0, c.time(), c.seq()));
            case ISR_END -> end(c, thread, ThreadFrames.Kind.ISR, 0);
            case DPC_START -> push(thread, new ThreadFrames.Frame(ThreadFrames.Kind.DPC, c.object(), 0, c.time(), c.seq()));
            case DPC_END -> end(c, thread, ThreadFrames.Kind.DPC, 0);
            case RUN_END -> outcome = FailureKind.ofId(c.arg());
            case FAILURE -> failed(c);
            default -> { }
        }
        io.accept(c, t);
    }

    private void push(ThreadFrames thread, ThreadFrames.Frame f) {
        thread.push(f);
        threads.putIfAbsent(thread.thread, thread);
    }

    private void checkIrql(EventCursor c) {
        IrqlLimits.Limit limit = IrqlLimits.of(c, objects);
        if (limit == null || c.irqlOrdinal() < 0 || c.irqlOrdinal() > 3 || !c.irql().above(limit.max())) {
            return;
        }
        error(c, Rule.KMDF_IRQL, c.object(), limit.call() + " of " + Describe.object(names, c.object()) + " on "
                + names.thread(c.thread()) + " " + IrqlLimits.explain(c, limit) + "; its maximum is " + limit.max());
    }

    private void end(EventCursor c, ThreadFrames thread, ThreadFrames.Kind kind, long instance) {
        ThreadFrames.Frame f = thread.pop(kind, c.object(), instance);
        if (thread.isEmpty()) {
            threads.remove(thread.thread);
        }
        if (f == null) {
            return; // its start came before the part of the trace read
        }
        String what = switch (kind) {
            case ISR -> "the ISR of " + Describe.object(names, c.object());
            case DPC -> "the DPC of " + Describe.object(names, c.object());
            case CALLBACK -> "the callback of " + Describe.object(names, c.object()) + " instance " + instance;
        };
        locks.frameEnded(c, f.startSeq(), what);
        long took = c.time() - f.startTime();
        long budget = kind == ThreadFrames.Kind.ISR ? isrBudgetNanos : kind == ThreadFrames.Kind.DPC ? dpcBudgetNanos : -1;
        if (budget >= 0 && took > budget) {
            String rule = kind == ThreadFrames.Kind.ISR ? TraceCheck.ISR_BUDGET : TraceCheck.DPC_BUDGET;
            warning(c, rule, c.object(), what + " on " + names.thread(c.thread()) + " ran " + Durations.format(took)
                    + " (from event " + f.startSeq() + "), over its budget of " + Durations.format(budget));
        }
    }

    private void recorded(EventCursor c) {
        Rule rule = Rule.ofId((int) c.arg());
        String name = rule != null ? rule.verifierName() : "Rule" + c.arg();
        String text = names.string(c.related());
        if (text.startsWith(name + ": ")) {
            text = text.substring(name.length() + 2); // the runtime prefixes its messages with the rule
        }
        log.recorded(c.thread(), new Finding(c.seq(), name, Severity.ERROR, c.object(), objectName(c.object()),
                names.thread(c.thread()), text, Source.RECORDED));
    }

    /** The run failed (an invariant, an exception, a deadlock…): an error, whatever the rules say. */
    private void failed(EventCursor c) {
        FailureKind k = FailureKind.ofId(c.arg());
        log.recorded(c.thread(), new Finding(c.seq(), TraceCheck.RUN_FAILED, Severity.ERROR, 0, "", names.thread(c.thread()),
                (k == null ? "failure" : k.label()) + ": " + names.string(c.related()), Source.RECORDED));
    }

    @Override
    public void error(EventCursor c, Rule rule, int object, String message) {
        log.offline(c.thread(), new Finding(c.seq(), rule.verifierName(), Severity.ERROR, object, objectName(object),
                names.thread(c.thread()), message, Source.OFFLINE));
    }

    @Override
    public void warning(EventCursor c, String rule, int object, String message) {
        log.offline(c.thread(), new Finding(c.seq(), rule, Severity.WARNING, object, objectName(object),
                names.thread(c.thread()), message, Source.OFFLINE));
    }

    private String objectName(int object) {
        return object == 0 ? "" : names.object(object);
    }

    /**
     * Ends the check. Leaks are reported only for a complete trace of a run that reached its
     * shutdown: a truncated trace may simply not show the deletes, a recording stopped before its
     * run ended (no run_end: Ctrl-C) never saw them, and a run the engine stopped (deadlock, step
     * limit, stall, divergence) never got to delete anything.
     *
     * @param complete the trace has its end mark
     * @return whether leaks were checked
     */
    public boolean finish(boolean complete) {
        if (!complete || outcome == null || stoppedEarly(outcome)) {
            return false;
        }
        String leak = Rule.LEAKED_WORK_ITEM.verifierName();
        for (ObjectTable.Obj o : objects.leakedWorkItems(names)) {
            log.leak(new Finding(o.createSeq, leak, Severity.ERROR, o.id, names.object(o.id), names.thread(o.createThread),
                    "work item " + Describe.object(names, o.id) + ", created at event " + o.createSeq + " on "
                            + names.thread(o.createThread) + ", was neither deleted nor destroyed by the end of the trace (event "
                            + lastSeq + ")", Source.OFFLINE));
        }
        String leakedRequest = Rule.LEAKED_REQUEST.verifierName();
        for (int id : io.notCompleted().keySet()) {
            log.leak(new Finding(lastSeq, leakedRequest, Severity.ERROR, id, names.object(id), "",
                    "request " + Describe.object(names, id) + " was never completed by the end of the trace (event " + lastSeq
                            + ")", Source.OFFLINE));
        }
        return true;
    }

    private static boolean stoppedEarly(FailureKind outcome) {
        return outcome == FailureKind.DEADLOCK || outcome == FailureKind.STEP_LIMIT || outcome == FailureKind.STALLED
                || outcome == FailureKind.DIVERGED;
    }
}
