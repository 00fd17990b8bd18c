package dev.wdfrr.replayer.strategy;

import dev.wdfrr.replayer.internal.ReplaySession;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.List;

/**
 * Guide mode, for regression replays: follows a recording while the code still matches it (as
 * {@link ReplayStrategy} does), and from the first divergence on hands every choice to another
 * strategy instead of stopping. A saved failing schedule then keeps testing the code after it
 * changed: the recorded prefix drives the run to where the bug was, and exploration goes on from
 * there. The other strategy counts its steps from the divergence, so that PCT's change points
 * fall after it.
 */
public final class FollowingStrategy implements Strategy {
    private final ReplaySession session;
    private final Strategy then;
    private long switchedAt = -1;

    /** @param then the strategy that takes over at the first divergence (a fresh one per run) */
    public FollowingStrategy(ReplaySession session, Strategy then) {
        this.session = session;
        this.then = then;
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        if (switchedAt < 0 && !session.diverged()) {
            int wanted = session.nextThread();
            for (int i = 0, n = enabled.size(); i < n; i++) {
                if (enabled.get(i).threadId() == wanted) {
                    session.offered(enabled);
                    return i;
                }
            }
            int silent = ReplayStrategy.silentStep(enabled);
            if (silent >= 0) {
                session.offered(enabled);
                return silent;
            }
            session.notOffered(enabled); // words the divergence; the run goes on
        }
        if (switchedAt < 0) {
            switchedAt = step - 1;
        }
        return then.pick(enabled, step - switchedAt);
    }

    /** A value the run leaves to the schedule: the recorded one while following, then the other strategy's. */
    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        if (switchedAt < 0 && !session.diverged()) {
            long v = session.nextChoice(thread.threadId());
            return v < lo || v > hi ? lo : v; // a mismatch shows as a divergence at that event
        }
        return then.choose(thread, lo, hi);
    }

    /** The step at which the other strategy took over, or -1 while the recording is followed. */
    public long switchedAt() {
        return switchedAt;
    }

    @Override
    public String describe() {
        return "follow the recording, then " + then.describe();
    }
}
