package dev.wdfrr.cli;

import dev.wdfrr.replayer.ProgressListener;

import java.io.PrintWriter;

/** A one-line progress bar on stderr, drawn only when the console is a terminal, at most ten times a second. */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err) {
        this.err = err;
        this.enabled = System.console() != null;
    }

    @Override
    public synchronized void progress(long done, long total, String unit) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < 100_000_000L && done != total) {
            return;
        }
        lastDraw = now;
        StringBuilder bar = new StringBuilder("\r[");
        int width = 30;
        int filled = total > 0 ? (int) Math.min(width, done * width / total) : 0;
        bar.append("=".repeat(filled)).append(filled < width ? ">" : "").append(" ".repeat(Math.max(0, width - filled - 1)));
        bar.append("] ");
        if (total > 0) {
            bar.append(done * 100 / total).append("% ").append(done).append('/').append(total);
        } else {
            bar.append(done);
        }
        bar.append(' ').append(unit);
        err.print(bar);
        err.flush();
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }
}
