package dev.wdfrr.runtime.wdf;

/** {@code EvtInterruptDpc}: runs at DISPATCH on the CPU whose ISR queued it. */
@FunctionalInterface
public interface InterruptDpc {
    void run(WdfInterrupt interrupt) throws Exception;
}
