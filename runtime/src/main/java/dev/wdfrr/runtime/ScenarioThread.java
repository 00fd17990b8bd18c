package dev.wdfrr.runtime;

/** A thread a scenario started with {@link WdfRuntime#startThread} (a driver's system thread). */
public interface ScenarioThread {
    /** Its name in traces (a clash with another thread's gets a suffix). */
    String name();

    /**
     * Waits until the thread has ended, as {@code KeWaitForSingleObject} on a thread object does:
     * at PASSIVE or APC. Traced as {@code thread_join}: everything the thread did happens before
     * what the caller does next.
     */
    void join();
}
