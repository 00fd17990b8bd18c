package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_REQUEST_CANCEL}: a cancelable request was cancelled; the routine owns it and completes it. */
@FunctionalInterface
public interface EvtRequestCancel {
    void onCancel(WdfRequest request) throws Exception;
}
