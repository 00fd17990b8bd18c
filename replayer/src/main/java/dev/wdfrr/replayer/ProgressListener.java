package dev.wdfrr.replayer;

/** Hears how far long work has got; the command line draws a progress bar with it. */
@FunctionalInterface
public interface ProgressListener {
    /**
     * @param done  units done so far
     * @param total units in all, or -1 when unknown
     * @param unit  what is counted, e.g. "schedules" or "events"
     */
    void progress(long done, long total, String unit);

    /** Hears nothing. */
    ProgressListener NONE = (done, total, unit) -> { };
}
