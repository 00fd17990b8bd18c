package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;

/**
 * An interrupt object: its ISR, its DPC (queued at most once until it runs) or passive work
 * item, and its lock, which the ISR holds and {@link #acquireLock()} takes to exclude the ISR.
 */
final class InterruptImpl extends ObjectImpl implements WdfInterrupt {
    final InterruptConfig config;
    final DeviceImpl device;
    final VirtualDeviceImpl hardware;
    final LockState lock;
    /** For passive handling or {@code queueWorkItemForIsr}: the interrupt's own work item. */
    WorkItemImpl workItem;
    boolean dpcQueued;
    int dpcRunning;
    int isrPending;
    boolean isrRunning;

    InterruptImpl(Kernel kernel, int id, DeviceImpl device, InterruptConfig config) {
        super(kernel, id, config.name(), ObjectKind.INTERRUPT, device, null, null);
        this.config = config;
        this.device = device;
        this.hardware = (VirtualDeviceImpl) config.hardware();
        // A passive-level interrupt's lock is a wait lock; a DIRQL one is the interrupt spin lock.
        this.lock = new LockState(id, config.name(), config.passiveHandling() ? LockKind.WAIT : LockKind.INTERRUPT);
    }

    /** Nothing pending or running for this interrupt. */
    boolean quiet() {
        return !dpcQueued && dpcRunning == 0 && isrPending == 0 && !isrRunning
                && (workItem == null || workItem.idle());
    }

    @Override
    public boolean queueDpcForIsr() {
        return kernel.queueDpc(this);
    }

    @Override
    public boolean queueWorkItemForIsr() {
        return kernel.queueWorkItemForIsr(this);
    }

    @Override
    public void acquireLock() {
        kernel.acquireInterruptLock(this);
    }

    @Override
    public void releaseLock() {
        kernel.release(this, lock);
    }

    @Override
    public VirtualDevice hardware() {
        return hardware;
    }

    @Override
    public WdfDevice device() {
        return device;
    }
}
