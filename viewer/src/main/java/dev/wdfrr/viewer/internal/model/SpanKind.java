package dev.wdfrr.viewer.internal.model;

/**
 * What a bar on the timeline is: an ISR, a DPC or a work-item callback instance (the thread
 * lanes' scheduling units), a driver callback of the I/O, PnP/power or timer model running on
 * a thread (EvtIoRead, EvtRequestCancel, EvtDeviceD0Exit, EvtTimerFunc, …), or an I/O request's
 * life on its queue's lane, from its arrival to its completion.
 */
public enum SpanKind {
    ISR("ISR"),
    DPC("DPC"),
    CALLBACK("callback"),
    /** An I/O request from request_create to request_complete, on a lane of its queue. */
    REQUEST("request"),
    /** A driver callback opened by request_dispatch, a PnP/power start event or evt_callback_start, closed by evt_callback_end. */
    DRIVER_CALLBACK("driver callback");

    /** Bits a kind takes in {@link Spans}' packed lane-and-kind column. */
    static final int BITS = 3;

    private final String label;

    SpanKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static SpanKind ofOrdinal(int o) {
        return values()[o];
    }
}
