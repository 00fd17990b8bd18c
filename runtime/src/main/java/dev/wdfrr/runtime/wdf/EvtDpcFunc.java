package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_DPC}: a DPC object's callback, at DISPATCH on the CPU it was queued on. */
@FunctionalInterface
public interface EvtDpcFunc {
    void onDpc(WdfDpc dpc) throws Exception;
}
