package dev.wdfrr.runtime.wdf;

/** {@code EvtWorkItem}: the callback a work item runs at PASSIVE on a system worker. */
@FunctionalInterface
public interface WorkItemCallback<C> {
    void run(WorkItem<C> item) throws Exception;
}
