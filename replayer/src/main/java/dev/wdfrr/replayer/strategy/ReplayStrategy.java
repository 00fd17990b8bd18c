package dev.wdfrr.replayer.strategy;

import dev.wdfrr.replayer.internal.ReplaySession;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.engine.ScheduleDivergedException;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.List;

/**
 * Follows a recording: at every scheduling point, runs the thread that produced the next
 * recorded event. Time follows the recorded timestamps, so a sleeping thread is always
 * available. When the recorded thread is not enabled (or the next event is the engine's own
 * verdict), another thread may take a silent step — one that starts a thread, goes idle or
 * blocks — as threads did unseen in the recording; if that produces an event out of order, or
 * no thread can take such a step, the replay has diverged and the run stops with the report.
 * Past the last event of a recording that was cut short there is nothing to follow: the run stops.
 */
public final class ReplayStrategy implements Strategy {
    private final ReplaySession session;

    public ReplayStrategy(ReplaySession session) {
        this.session = session;
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        if (session.diverged()) {
            throw new ScheduleDivergedException(session.divergence());
        }
        if (session.cutShort()) {
            throw new ScheduleDivergedException(session.stopAtCutShort()); // nothing recorded left to follow
        }
        int wanted = session.nextThread();
        for (int i = 0, n = enabled.size(); i < n; i++) {
            if (enabled.get(i).threadId() == wanted) {
                session.offered(enabled);
                return i;
            }
        }
        int silent = silentStep(enabled);
        if (silent >= 0) {
            session.offered(enabled);
            return silent;
        }
        throw new ScheduleDivergedException(session.notOffered(enabled));
    }

    /** The recorded choice: the run is about to trace it as the next event (a schedule event of this thread). */
    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        long v = session.nextChoice(thread.threadId());
        return v < lo || v > hi ? lo : v; // a mismatch shows as a divergence at that event
    }

    /** An enabled thread whose next step is one threads take without a trace: start, idle, wait. */
    static int silentStep(List<? extends ThreadView> enabled) {
        for (int i = 0, n = enabled.size(); i < n; i++) {
            ThreadView t = enabled.get(i);
            if (t.timedWait()) {
                continue; // waking it would be an event of its own
            }
            EventType op = t.pendingOperation();
            boolean loopTop = t.pendingObject() == 0 && (op == EventType.CALLBACK_START || op == EventType.DPC_START
                    || op == EventType.ISR_START || op == EventType.TIMER_FIRE); // TIMER_FIRE: the clock re-reading its deadline
            // Waits that trace nothing until they are over: a thread may enter them unseen.
            boolean waitEntry = op == EventType.QUIESCENT || op == EventType.THREAD_JOIN || op == EventType.LOCK_ACQUIRE;
            if (loopTop || waitEntry || op == EventType.THREAD_START || op == EventType.RUN_END) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String describe() {
        return "replay";
    }
}
