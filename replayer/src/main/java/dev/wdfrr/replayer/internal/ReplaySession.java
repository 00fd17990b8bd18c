package dev.wdfrr.replayer.internal;

import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.engine.ThreadView;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.Names;
import dev.wdfrr.tracer.TraceReader;

import java.util.List;

/**
 * One replay: streams the recorded trace one event ahead of the run, checks every event the run
 * emits against it (the {@link #checker()} sink), tells the replay strategy which thread must
 * go next, and words the first divergence: the index, what was expected, what the enabled
 * threads offered, and the events before it.
 */
public final class ReplaySession {
    private static final int CONTEXT = 5;

    private final TraceReader recorded;
    private final boolean compareTime;
    private final EventCursor next = new EventCursor();
    private boolean hasNext;
    private final EventCursor actual = new EventCursor();
    private final EventCursor[] context = new EventCursor[CONTEXT];
    private int contextCount;
    private long consumed;
    private long lastTime;
    /** Type id of the last recorded event matched: a run's recording ends with its run_end. */
    private int lastType = -1;
    private String divergence;
    private long divergenceIndex = -1;
    /** The enabled threads at the last pick: ids, pending ops, objects. */
    private int[] offeredIds = new int[16];
    private EventType[] offeredOps = new EventType[16];
    private int[] offeredObjects = new int[16];
    private int offeredCount;

    public ReplaySession(TraceReader recorded, boolean compareTime) {
        this.recorded = recorded;
        this.compareTime = compareTime;
        for (int i = 0; i < CONTEXT; i++) {
            context[i] = new EventCursor();
        }
        advance();
    }

    private void advance() {
        hasNext = recorded.next(next);
        if (hasNext) {
            lastTime = next.time();
        }
    }

    /** Thread of the next recorded event, or -1 when the recording is exhausted. */
    public int nextThread() {
        return hasNext ? next.thread() : -1;
    }

    /**
     * The value of the next recorded event when it is a choice ({@code schedule} with object 0) by
     * {@code thread}, else -1.
     */
    public long nextChoice(int thread) {
        if (hasNext && next.type() == EventType.SCHEDULE && next.object() == 0 && next.thread() == thread) {
            return next.arg();
        }
        return -1;
    }

    /** Recorded time of the next event (the clock of a replayed live recording). */
    public long nextTime() {
        return hasNext ? next.time() : lastTime;
    }

    public boolean diverged() {
        return divergence != null;
    }

    public String divergence() {
        return divergence;
    }

    public long divergenceIndex() {
        return divergenceIndex;
    }

    /** Events consumed so far (the index of the next expected event). */
    public long consumed() {
        return consumed;
    }

    /** True when every recorded event was matched. */
    public boolean exhausted() {
        return !hasNext;
    }

    /**
     * True once every recorded event was matched and the recording ends before its run did (no
     * run_end): it was stopped by a signal or its writer died, so there is nothing more to
     * compare and the replay stops here.
     */
    public boolean cutShort() {
        return !hasNext && divergence == null && lastType != EventType.RUN_END.id();
    }

    /** Remembers what the strategy saw at a pick, for the report. */
    public void offered(List<? extends ThreadView> enabled) {
        int n = enabled.size();
        if (n > offeredIds.length) {
            offeredIds = new int[n * 2];
            offeredOps = new EventType[n * 2];
            offeredObjects = new int[n * 2];
        }
        for (int i = 0; i < n; i++) {
            ThreadView t = enabled.get(i);
            offeredIds[i] = t.threadId();
            offeredOps[i] = t.pendingOperation();
            offeredObjects[i] = t.pendingObject();
        }
        offeredCount = n;
    }

    /** The recorded thread is not enabled: words the divergence. */
    public String notOffered(List<? extends ThreadView> enabled) {
        offered(enabled);
        if (!hasNext) {
            diverge("the recording ends after event " + (consumed - 1) + " but the run goes on; the enabled threads offer "
                    + offeredList());
        } else {
            diverge("event #" + consumed + ": expected " + describe(next) + ", but the enabled threads offer " + offeredList());
        }
        return divergence;
    }

    /** Stops the run of a replay whose recording was cut short: everything recorded was reproduced. */
    public String stopAtCutShort() {
        return "the recording was cut short after event " + (consumed - 1) + "; every recorded event was reproduced";
    }

    /** Called after the run: anything recorded that the run never produced is a divergence too. */
    public void runEnded(String outcome) {
        if (divergence == null && hasNext) {
            diverge("event #" + consumed + ": expected " + describe(next) + ", but the run ended (" + outcome + ")");
        }
    }

    private void diverge(String message) {
        if (divergence != null) {
            return;
        }
        divergenceIndex = consumed;
        StringBuilder sb = new StringBuilder(message);
        if (contextCount > 0) {
            sb.append(System.lineSeparator()).append("preceding events:");
            int from = (int) Math.max(0, consumed - contextCount);
            for (long i = from; i < consumed; i++) {
                sb.append(System.lineSeparator()).append(EventFormat.line(context[(int) (i % CONTEXT)], recorded.names()));
            }
        }
        divergence = sb.toString();
    }

    private String describe(EventCursor e) {
        return EventFormat.typeName(e) + " by " + recorded.names().thread(e.thread()) + " [" + EventFormat.details(e, recorded.names())
                + "] (seq " + e.seq() + ")";
    }

    private String offeredList() {
        if (offeredCount == 0) {
            return "nothing (no thread can run)";
        }
        Names n = recorded.names();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < offeredCount; i++) {
            sb.append(i == 0 ? "" : ", ").append(n.thread(offeredIds[i])).append(": ")
                    .append(offeredOps[i] == null ? "?" : offeredOps[i].wireName());
            if (offeredObjects[i] != 0) {
                sb.append(" ").append(n.object(offeredObjects[i])).append(" (#").append(offeredObjects[i]).append(")");
            }
        }
        return sb.append(']').toString();
    }

    private void check(EventCursor produced) {
        if (divergence != null) {
            return;
        }
        if (!hasNext) {
            if (!cutShort()) {
                diverge("the recording ends after event " + (consumed - 1) + " but the run produced "
                        + describe(produced));
            }
            return; // past the end of a recording cut short: nothing to compare
        }
        if (!produced.sameAs(next, compareTime) && !sameSite(produced, next)) {
            diverge("event #" + consumed + ": expected " + describe(next) + ", but " + recorded.names().thread(produced.thread())
                    + " produced " + EventFormat.typeName(produced) + " [" + EventFormat.details(produced, recorded.names())
                    + "]; the enabled threads offered " + offeredList());
            return;
        }
        context[(int) (consumed % CONTEXT)].copyFrom(next);
        contextCount = (int) Math.min(CONTEXT, contextCount + 1);
        lastType = next.typeId();
        consumed++;
        advance();
    }

    /** A call site's name matches by id alone: code that moved to other lines still replays. */
    private boolean sameSite(EventCursor produced, EventCursor recorded) {
        return produced.type() == EventType.NAME && produced.related() == NameKind.SITE.id()
                && recorded.type() == EventType.NAME && recorded.related() == NameKind.SITE.id()
                && produced.object() == recorded.object() && produced.thread() == recorded.thread()
                && produced.seq() == recorded.seq() && (!compareTime || produced.time() == recorded.time());
    }

    /** The sink that checks what the run emits. */
    public EventSink checker() {
        return new EventSink() {
            @Override
            public void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
                check(actual.set(seq, time, type, thread, cpu, irql, object, related, arg, null));
            }

            @Override
            public void name(long seq, long time, int thread, NameKind kind, int id, String text) {
                check(actual.set(seq, time, EventType.NAME.id(), thread, -1, 0, id, kind.id(), 0, text));
            }
        };
    }
}
