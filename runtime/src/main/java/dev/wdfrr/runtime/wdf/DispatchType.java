package dev.wdfrr.runtime.wdf;

/** {@code WDF_IO_QUEUE_DISPATCH_TYPE}: how a queue hands its requests to the driver. */
public enum DispatchType {
    /** One request at a time: the next only when the driver owns none of this queue's. */
    SEQUENTIAL,
    /** Every request as it arrives, up to an optional number of presented requests. */
    PARALLEL,
    /** None: the driver retrieves requests itself ({@code WdfIoQueueRetrieveNextRequest}). */
    MANUAL
}
