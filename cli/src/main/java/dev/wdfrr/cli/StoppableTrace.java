package dev.wdfrr.cli;

import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.tracer.TraceWriter;

import java.io.PrintWriter;

/**
 * A trace being written that Ctrl-C (SIGINT) or SIGTERM stops cleanly: a shutdown hook waits for
 * the event being written, closes the trace with its end mark and prints
 * {@code stopped after N events; trace at DIR}; events after that are dropped while the JVM
 * exits. The one lock also keeps the hook from closing the files under a write. It says when
 * the first event is written (so a user, or a test, knows the recording is under way) and keeps
 * the last event's time, the trace's duration.
 */
final class StoppableTrace implements EventSink {
    private final TraceWriter writer;
    private final PrintWriter out;
    private final String started;
    private final Thread hook;
    private boolean stopped;
    private boolean any;
    private long lastTime;

    /**
     * @param started printed when the first event is written (null for nothing)
     */
    StoppableTrace(TraceWriter writer, PrintWriter out, String started) {
        this.writer = writer;
        this.out = out;
        this.started = started;
        this.hook = new Thread(this::stop, "wdfrr-stop " + writer.directory().getFileName());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public synchronized void begin(RunInfo info) {
        if (!stopped) {
            writer.begin(info);
        }
    }

    @Override
    public synchronized void event(long seq, long time, int type, int thread, int cpu, int irql, int object, int related, long arg) {
        if (!stopped) {
            writer.event(seq, time, type, thread, cpu, irql, object, related, arg);
            seen(time);
        }
    }

    @Override
    public synchronized void name(long seq, long time, int thread, NameKind kind, int id, String text) {
        if (!stopped) {
            writer.name(seq, time, thread, kind, id, text);
            seen(time);
        }
    }

    private void seen(long time) {
        lastTime = Math.max(lastTime, time);
        if (!any) {
            any = true;
            if (started != null) {
                out.println(started);
                out.flush();
            }
        }
    }

    /** The signal's way out: closes the trace and says where it is. */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        writer.close();
        out.println("stopped after " + writer.events() + " events; trace at " + writer.directory());
        out.flush();
    }

    /** The run ended: closes the trace; a signal from now on has nothing to stop. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        writer.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook finds the trace closed
        }
    }

    /** Abandons the trace (a run that never got going): nothing is left behind. */
    synchronized void discard() {
        close();
        writer.discard();
    }

    /** Time of the last event written: the trace's duration. */
    synchronized long lastTime() {
        return lastTime;
    }
}
