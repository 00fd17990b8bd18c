package dev.wdfrr.runtime.wdf;

/** {@code EVT_WDF_TIMER}: a timer's callback, at DISPATCH in the timer's DPC or at PASSIVE on a system worker. */
@FunctionalInterface
public interface EvtTimerFunc {
    void onTimer(WdfTimer timer) throws Exception;
}
