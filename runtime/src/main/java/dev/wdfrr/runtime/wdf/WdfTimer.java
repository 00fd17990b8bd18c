package dev.wdfrr.runtime.wdf;

/**
 * A framework timer ({@code WDFTIMER}): one-shot or periodic; its callback runs at DISPATCH in the
 * timer's DPC on the CPU where it expired, or, for a passive-level timer, at PASSIVE on a system
 * worker. It expires within [due, due + clock tick + tolerable delay] (exactly at due for a
 * high-resolution timer), at an instant the schedule chooses. See timers-and-dpcs.md.
 */
public interface WdfTimer extends WdfObject {
    /**
     * Arms the timer to expire {@code dueInNanos} from now ({@code WdfTimerStart} with a relative
     * due time); max IRQL DISPATCH. Allowed from the timer's own callback (re-arming a one-shot).
     *
     * @return true when the timer was already armed (it is re-armed to the new due time)
     */
    boolean start(long dueInNanos);

    /**
     * Disarms the timer ({@code WdfTimerStop}). With {@code wait} (PASSIVE only) it then waits
     * until every DPC queued on any CPU has run and, for a passive timer, its work item has
     * finished; starts attempted meanwhile are refused.
     *
     * @return true when the timer was armed, or a concurrent start was refused
     */
    boolean stop(boolean wait);

    /** The parent given at create ({@code WdfTimerGetParentObject}). */
    WdfObject parent();

    /** The typed context memory, or null when none was declared. */
    <C> C context();
}
