package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Waits for a queue's requests to be completed or acknowledged (a synchronous stop, purge or
 * drain, a power-down, a removal's purge, a queue's deletion; io-queues-and-requests.md [Q24],
 * pnp-power.md [P11]) and the hang they become when no thread will end them: each is reported as
 * {@code RequestPendingAtPurge}, at a deadlock or after a virtual second.
 */
final class QueueWaits {
    private final Kernel k;
    /** The queues not yet destroyed, owned by {@link IoQueues}: a deleted queue's rundown can hang too. */
    private final List<QueueImpl> queues;
    /** Threads waiting in a synchronous stop/purge/drain or a power transition, for the deadlock report. */
    private final ArrayList<PendingWait> waits = new ArrayList<>();

    /**
     * How long a wait for requests may last before wdfrr calls it a hang and ends the run: a
     * virtual second (the framework waits forever; its verifier breaks every 60 s). A periodic
     * timer that keeps firing would otherwise keep such a run from ever deadlocking.
     */
    static final long HANG_NANOS = 1_000_000_000L;

    /** A thread waiting for a queue's requests to be completed or acknowledged. */
    static final class PendingWait {
        final LogicalThread thread;
        final QueueImpl queue;
        final String what;
        boolean reported;

        PendingWait(LogicalThread thread, QueueImpl queue, String what) {
            this.thread = thread;
            this.queue = queue;
            this.what = what;
        }
    }

    QueueWaits(Kernel k, List<QueueImpl> queues) {
        this.k = k;
        this.queues = queues;
        k.onDeadlock(this::reportPending);
    }

    /** Inside enter/exit: waits for a queue's requests, reported as {@code RequestPendingAtPurge} if it never ends. */
    void awaitRequests(LogicalThread t, QueueImpl q, BooleanSupplier done, String what) {
        if (done.getAsBoolean()) {
            return;
        }
        PendingWait w = new PendingWait(t, q, what);
        waits.add(w);
        try {
            Wait wait = Wait.of(done, () -> what + " of " + q.describe() + " waiting for " + pendingText(q));
            if (!k.await(t, wait, k.now() + HANG_NANOS)) {
                w.reported = true;
                String message = pendingMessage(w) + "; wdfrr ends the run after a virtual second";
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, q.id, message);
                k.stopRun(dev.wdfrr.runtime.FailureKind.DEADLOCK, "hang: " + message);
                k.await(t, wait, -1); // it stays blocked; the run ends at the next scheduling point
            }
        } finally {
            waits.remove(w);
        }
    }

    static String pendingText(QueueImpl q) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (RequestImpl r : q.owned) {
            if (n++ < 3) {
                sb.append(n > 1 ? ", " : "").append(r.describe()).append(" (").append(r.stateText()).append(')');
            }
        }
        if (n > 3) {
            sb.append(" and ").append(n - 3).append(" more");
        }
        return n == 0 ? q.waiting.size() + " waiting requests" : sb.toString();
    }

    private static String pendingMessage(PendingWait w) {
        return w.what + " of " + w.queue.describe() + " on " + w.thread.name + " waits for " + pendingText(w.queue)
                + ", which no thread will complete or acknowledge (a hang: with the verifier, a break every 60 s)";
    }

    /** On a deadlock: each wait for requests that no thread will complete or acknowledge ([Q24][P11]). */
    private void reportPending(LogicalThread t) {
        for (PendingWait w : new ArrayList<>(waits)) {
            if (!w.reported) {
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, w.queue.id, pendingMessage(w));
            }
        }
        for (QueueImpl q : queues) {
            if (q.dead && !q.destroyed && !q.quiet() && waits.stream().noneMatch(w -> w.queue == q)) {
                k.violation(t, Rule.REQUEST_PENDING_AT_PURGE, q.id, "the deletion of " + q.describe() + " waits for "
                        + pendingText(q) + ", which no thread will complete or acknowledge (FxIoQueue::Dispose hangs)");
            }
        }
    }
}
