package dev.wdfrr.viewer.internal.model;

/** Thrown by a load that was cancelled; the reader it used is closed. */
public final class LoadCancelledException extends RuntimeException {
    public LoadCancelledException(String what) {
        super(what);
    }
}
