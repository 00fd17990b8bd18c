package dev.wdfrr.tracer;

/** The stages of a request's path through interrupt, DPC and work item whose latency a trace yields. */
public enum LatencyStage {
    /** ISR start to ISR end. */
    ISR_DURATION("isr_duration", "ISR duration"),
    /** The device raising the interrupt to the start of the DPC its ISR queued. */
    INTERRUPT_TO_DPC("interrupt_to_dpc", "interrupt -> DPC start"),
    /** DPC start to DPC end. */
    DPC_DURATION("dpc_duration", "DPC duration"),
    /** A queued (not coalesced) enqueue to the start of the callback it queued. */
    ENQUEUE_TO_START("enqueue_to_start", "enqueue -> callback start"),
    /** Callback start to end, per instance. */
    CALLBACK_DURATION("callback_duration", "callback duration"),
    /** The interrupt to the end of the callback that its DPC (or ISR) enqueued, per interrupt. */
    INTERRUPT_TO_CALLBACK_END("interrupt_to_callback_end", "interrupt -> callback end");

    private final String key;
    private final String label;

    LatencyStage(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** snake_case key used in JSON. */
    public String key() {
        return key;
    }

    /** Human label. */
    public String label() {
        return label;
    }
}
