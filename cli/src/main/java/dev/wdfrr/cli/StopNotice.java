package dev.wdfrr.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * What a long command says when Ctrl-C (SIGINT) or SIGTERM stops it: a shutdown hook prints the
 * current notice ({@code stopped after 1,234 schedules; …}), which the command updates as it
 * moves from one phase to the next. A trace being written is closed by its own
 * {@link StoppableTrace}; the notice is for what holds no trace.
 */
final class StopNotice implements AutoCloseable {
    private final PrintWriter out;
    private final Thread hook;
    private volatile Supplier<String> notice = () -> null;
    private volatile boolean closed;

    StopNotice(PrintWriter out) {
        this.out = out;
        this.hook = new Thread(this::stopped, "wdfrr-stop-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** From now on a signal prints what {@code what} gives (nothing for null). */
    void say(Supplier<String> what) {
        notice = what;
    }

    private void stopped() {
        String s = closed ? null : notice.get();
        if (s != null) {
            out.println(s);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook sees closed and says nothing
        }
    }
}
