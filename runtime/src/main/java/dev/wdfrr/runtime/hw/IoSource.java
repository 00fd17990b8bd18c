package dev.wdfrr.runtime.hw;

/** A running virtual I/O source (see {@link IoSourceConfig}). */
public interface IoSource {
    /** Starts its requester threads. */
    void start();

    /** Sends nothing more; requests already sent stay outstanding until completed. */
    void stop();

    /** Requests sent so far. */
    long sent();

    /** Requester {@code i}'s handle. */
    Requester requester(int i);
}
