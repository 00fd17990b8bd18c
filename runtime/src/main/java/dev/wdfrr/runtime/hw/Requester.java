package dev.wdfrr.runtime.hw;

import dev.wdfrr.runtime.wdf.WdfRequest;

/**
 * A process's open handle to a device: what sends it I/O. Each send runs on the calling thread,
 * as {@code ReadFile} does: the framework creates the request and, when the queue can take it,
 * delivers it to the driver before the call returns; the I/O is asynchronous (overlapped), so the
 * call does not wait for the completion. Call it from the runtime's threads (a scenario thread is
 * the process's thread).
 */
public interface Requester {
    String name();

    /** {@code ReadFile} of {@code length} bytes. */
    WdfRequest read(long length);

    /** {@code WriteFile} of {@code length} bytes. */
    WdfRequest write(long length);

    /** {@code DeviceIoControl}. */
    WdfRequest deviceControl(int ioControlCode, long inputLength, long outputLength);

    /** {@code CancelIoEx} of one request ({@code IoCancelIrp}); false when it had completed. */
    boolean cancel(WdfRequest request);

    /** {@code CancelIo}: cancels every outstanding request of this handle. */
    void cancelIo();

    /**
     * The process exits: its outstanding requests are cancelled, then the handle's cleanup runs
     * and the framework cancels every request of this handle still waiting in a queue
     * ({@code FlushAllQueuesByFileObject}). No more I/O is sent on it.
     */
    void exitProcess();

    /** Requests sent and not completed yet. */
    int outstanding();
}
