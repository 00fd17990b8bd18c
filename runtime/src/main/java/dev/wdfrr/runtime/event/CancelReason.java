package dev.wdfrr.runtime.event;

/** What cancelled a request: the low byte of {@link EventType#REQUEST_CANCEL}'s argument. */
public enum CancelReason {
    /** The requester's {@code CancelIo} ({@code IoCancelIrp} on its request). */
    CANCEL_IO(1, "CancelIo"),
    /** The requester's process exited: the I/O manager cancels the thread's requests. */
    PROCESS_EXIT(2, "process exit"),
    /** The handle's cleanup: the framework cancels the requests still waiting for that file ({@code FlushAllQueuesByFileObject}). */
    FILE_CLEANUP(3, "file cleanup"),
    /** {@code WdfIoQueuePurge} or the framework's purge at removal. */
    PURGE(4, "purge"),
    /** {@code WdfIoQueueStopAndPurge}. */
    STOP_AND_PURGE(5, "stop and purge"),
    /** A send timeout (not modelled: no I/O targets). */
    SEND_TIMEOUT(6, "send timeout");

    private final int id;
    private final String label;

    CancelReason(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The reason with this id, or null. */
    public static CancelReason ofId(long id) {
        for (CancelReason r : values()) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }

    /** The state a request was in when cancelled: the second byte of the argument. */
    public enum StateAtCancel {
        WAITING(1, "waiting in a queue"),
        CANCELABLE(2, "driver-owned, cancelable"),
        NOT_CANCELABLE(3, "driver-owned, not cancelable"),
        COMPLETED(4, "completed");

        private final int id;
        private final String label;

        StateAtCancel(int id, String label) {
            this.id = id;
            this.label = label;
        }

        public int id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static StateAtCancel ofId(long id) {
            for (StateAtCancel s : values()) {
                if (s.id == id) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The event argument: reason + 256 × state. */
    public static long arg(CancelReason reason, StateAtCancel state) {
        return reason.id + 256L * state.id;
    }
}
