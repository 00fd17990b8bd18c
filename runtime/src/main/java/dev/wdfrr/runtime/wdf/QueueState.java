package dev.wdfrr.runtime.wdf;

/**
 * {@code WdfIoQueueGetState}: the state bits and the counts.
 *
 * @param accepting       WdfIoQueueAcceptRequests: new requests are queued (else completed by the framework)
 * @param dispatching     WdfIoQueueDispatchRequests: requests are delivered (started)
 * @param poweredOff      a power-managed queue out of D0
 * @param waiting         requests waiting in the queue
 * @param driverOwned     requests of this queue the driver owns
 */
public record QueueState(boolean accepting, boolean dispatching, boolean poweredOff, int waiting, int driverOwned) {
    /** WdfIoQueueIdle: nothing waiting, nothing owned. */
    public boolean idle() {
        return waiting == 0 && driverOwned == 0;
    }
}
