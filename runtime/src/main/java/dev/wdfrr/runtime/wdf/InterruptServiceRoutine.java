package dev.wdfrr.runtime.wdf;

/** {@code EvtInterruptIsr}: runs at DIRQL holding the interrupt lock; returns whether it claimed the interrupt. */
@FunctionalInterface
public interface InterruptServiceRoutine {
    boolean service(WdfInterrupt interrupt) throws Exception;
}
