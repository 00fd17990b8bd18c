package dev.wdfrr.runtime.wdf;

/** {@code EvtInterruptEnable}/{@code EvtInterruptDisable}: at DIRQL holding the interrupt lock; returns an NTSTATUS. */
@FunctionalInterface
public interface InterruptStateCallback {
    long on(WdfInterrupt interrupt, WdfDevice device) throws Exception;
}
