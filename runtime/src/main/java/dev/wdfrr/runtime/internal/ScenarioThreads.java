package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.EventType;

import java.util.ArrayList;

/**
 * The scenario's own threads ({@code WdfRuntime.startThread}): started through the core's
 * thread registry, and waited for before the run ends.
 */
final class ScenarioThreads {
    private final Kernel k;
    private final ArrayList<LogicalThread> threads = new ArrayList<>();
    /** Raised when a scenario thread ends: the run may have become quiescent. */
    private final Signal ended = new Signal();

    ScenarioThreads(Kernel k) {
        this.k = k;
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (LogicalThread u : threads) {
                    if (u != caller && !u.ended) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (LogicalThread u : threads) {
                    if (!u.ended) {
                        out.append(", thread ").append(u.name).append(" running");
                    }
                }
            }

            @Override
            public Signal signal() {
                return ended;
            }
        });
    }

    /** Inside enter/exit: starts a scenario thread at PASSIVE, traced by {@code creator}. */
    LogicalThread start(LogicalThread creator, String name, Runnable body) {
        LogicalThread u = k.newThread(creator, name, ThreadKind.USER, -1);
        threads.add(u);
        k.emit(creator, EventType.THREAD_START, u.id, 0, 0);
        k.start(u, () -> run(u, body));
        return u;
    }

    private void run(LogicalThread u, Runnable body) {
        k.invoke(u, "thread " + u.name, () -> {
            body.run();
            return true;
        });
        k.enter(u, EventType.THREAD_END, u.id);
        try {
            u.ended = true;
            ended.raise();
            k.emit(u, EventType.THREAD_END, u.id, 0, 0);
        } finally {
            k.exit(u);
        }
    }
}
