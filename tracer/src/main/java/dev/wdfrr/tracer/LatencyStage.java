package dev.wdfrr.tracer;

/**
 * The stages whose latency a trace yields: an interrupt's path through ISR, DPC and work item,
 * and an I/O request's path from arrival through delivery to completion.
 */
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
    INTERRUPT_TO_CALLBACK_END("interrupt_to_callback_end", "interrupt -> callback end"),
    /** A request's arrival to its first delivery (an EvtIo callback or a retrieval); cancelled requests left out. */
    REQUEST_ARRIVAL_TO_DISPATCH("request_arrival_to_dispatch", "request arrival -> dispatch"),
    /** A request's first delivery to its completion; cancelled requests left out. */
    REQUEST_DISPATCH_TO_COMPLETE("request_dispatch_to_complete", "request dispatch -> complete"),
    /** A request's arrival to its completion; cancelled requests left out. */
    REQUEST_ARRIVAL_TO_COMPLETE("request_arrival_to_complete", "request arrival -> complete"),
    /** A request's arrival to its completion with STATUS_CANCELLED: counted apart. */
    REQUEST_CANCELLED("request_cancelled", "request arrival -> cancelled");

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

    /** Whether this is a stage of an I/O request's path (a trace of a driver without queues has none). */
    public boolean ofRequests() {
        return key.startsWith("request_");
    }
}
