package dev.wdfrr.runtime.internal;

import java.util.List;

/**
 * What the deterministic engine says about its threads when a run cannot go on: a deadlock, the
 * step limit, a stall outside the runtime. Pure functions of the threads' state, so the engine
 * keeps only the scheduling.
 */
final class RunReports {
    private RunReports() {
    }

    /** Every live thread blocked in an idle wait (a system thread with nothing queued): the run is over. */
    static boolean allIdleOrDone(List<LogicalThread> threads) {
        for (LogicalThread t : threads) {
            if (t.status == LogicalThread.Status.DONE) {
                continue;
            }
            if (t.status != LogicalThread.Status.BLOCKED || !t.wait.idle()) {
                return false;
            }
        }
        return true;
    }

    /** "no thread can run: main waits for …; worker-0 waits for …". */
    static String deadlock(List<LogicalThread> threads) {
        StringBuilder sb = new StringBuilder("no thread can run: ");
        boolean first = true;
        for (LogicalThread t : threads) {
            if (t.status == LogicalThread.Status.BLOCKED && !t.wait.idle()) {
                sb.append(first ? "" : "; ").append(t.name).append(" waits for ").append(t.wait.describe());
                first = false;
            }
        }
        return sb.toString();
    }

    /** The threads still doing something, for a step-limit report. */
    static String busyThreads(List<LogicalThread> threads) {
        StringBuilder sb = new StringBuilder("threads: ");
        boolean first = true;
        for (LogicalThread t : threads) {
            if (t.status != LogicalThread.Status.DONE && !(t.wait != null && t.wait.idle())) {
                sb.append(first ? "" : "; ").append(t.describe());
                first = false;
            }
        }
        return sb.toString();
    }

    /** Why the baton holder {@code h} (null: unknown) made no step for {@code timeoutNanos}. */
    static String stall(LogicalThread h, long timeoutNanos) {
        String where = h == null || h.platform == null ? "" : whereBlocked(h.platform.getStackTrace());
        if (h != null && h.turn && (h.platform == null || VirtualThreads.isVirtual(h.platform))) {
            // Handed the baton but never took it: no carrier thread is free to run it.
            return h.name + " was given its turn but never ran for " + timeoutNanos / 1_000_000
                    + " ms: every carrier of the virtual threads is pinned (a thread blocked or parked inside"
                    + " synchronized on JDK 21-23, a native frame or a class initializer); run with"
                    + " -Dwdfrr.threads=platform";
        }
        return (h == null ? "a runtime thread" : h.name) + " made no runtime call for "
                + timeoutNanos / 1_000_000 + " ms after " + (h == null ? "?" : h.pendingOp.wireName())
                + ": it is blocked outside the runtime (a JDK lock, Object.wait, I/O or an endless loop)" + where;
    }

    /** "in java.util.concurrent.CountDownLatch.await, called from Foo.bar(Foo.java:12)": the JDK call and the driver line. */
    static String whereBlocked(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            String c = stack[i].getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                String called = i > 0 ? " in " + stack[i - 1].getClassName() + "." + stack[i - 1].getMethodName() + "," : "";
                return called + " called from " + stack[i];
            }
        }
        return stack.length > 0 ? " in " + stack[0] : "";
    }
}
