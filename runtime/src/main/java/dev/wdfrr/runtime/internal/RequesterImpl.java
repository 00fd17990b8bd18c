package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.ArrayList;

/** A process's handle to a device (the file object its requests carry); {@link IoSources} owns the rules. */
final class RequesterImpl extends ObjectImpl implements Requester {
    private final IoSources sources;
    final DeviceImpl device;
    /** Sent and not completed, oldest first. */
    final ArrayList<RequestImpl> outstanding = new ArrayList<>();
    /** Requests sent on it. */
    volatile int sent;
    /** Its process exited: it sends nothing more. */
    boolean exited;

    RequesterImpl(IoSources sources, Lifetime lifetime, int id, String name, DeviceImpl device) {
        super(lifetime, id, name, ObjectKind.REQUESTER, null, null, null);
        this.sources = sources;
        this.device = device;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WdfRequest read(long length) {
        return sources.send(this, RequestType.READ, length, 0, 0);
    }

    @Override
    public WdfRequest write(long length) {
        return sources.send(this, RequestType.WRITE, length, 0, 0);
    }

    @Override
    public WdfRequest deviceControl(int ioControlCode, long inputLength, long outputLength) {
        return sources.send(this, RequestType.DEVICE_CONTROL, outputLength, inputLength, ioControlCode);
    }

    @Override
    public boolean cancel(WdfRequest request) {
        if (!(request instanceof RequestImpl r) || r.requester != this) {
            throw new IllegalArgumentException(request + " was not sent on " + describe());
        }
        return sources.cancel(this, r, dev.wdfrr.runtime.event.CancelReason.CANCEL_IO);
    }

    @Override
    public void cancelIo() {
        sources.cancelAll(this, dev.wdfrr.runtime.event.CancelReason.CANCEL_IO);
    }

    @Override
    public void exitProcess() {
        sources.exitProcess(this);
    }

    @Override
    public int outstanding() {
        return outstanding.size();
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException("a requester is a process's handle: exitProcess() closes it");
    }
}
