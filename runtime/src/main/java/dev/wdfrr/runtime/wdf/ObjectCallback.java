package dev.wdfrr.runtime.wdf;

/** {@code EvtCleanupCallback} / {@code EvtDestroyCallback}: called at PASSIVE when an object goes away. */
@FunctionalInterface
public interface ObjectCallback {
    void run(WdfObject object) throws Exception;
}
