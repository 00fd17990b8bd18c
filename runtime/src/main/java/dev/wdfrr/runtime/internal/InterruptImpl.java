package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;

/**
 * An interrupt object's state: its ISR, its DPC (queued at most once until it runs) or passive
 * work item, and its lock, which the ISR holds and {@link #acquireLock()} takes to exclude the
 * ISR. {@link Interrupts} owns the rules.
 */
final class InterruptImpl extends ObjectImpl implements WdfInterrupt {
    private final Interrupts interrupts;
    final InterruptConfig config;
    final DeviceImpl device;
    final InterruptLine hardware;
    final LockState lock;
    /** The device's callback lock held around the DPC or work item (AutomaticSerialization), or null. */
    final LockState callbackLock;
    /** For passive handling or {@code queueWorkItemForIsr}: the interrupt's own work item. */
    WorkItemImpl workItem;
    /** Its DPC for the ISR (queued at most once until it runs). */
    Cpus.Kdpc kdpc;
    int isrPending;
    boolean isrRunning;
    /** Connected to its line ({@code FxInterrupt::Connect}): always, unless its device's PnP life is modelled ([P15]). */
    boolean connectedToLine = true;

    InterruptImpl(Interrupts interrupts, Lifetime lifetime, int id, DeviceImpl device, InterruptLine hardware,
                  InterruptConfig config, LockState callbackLock) {
        super(lifetime, id, config.name(), ObjectKind.INTERRUPT, device, null, null);
        this.interrupts = interrupts;
        this.config = config;
        this.device = device;
        this.hardware = hardware;
        this.callbackLock = callbackLock;
        // A passive-level interrupt's lock is a wait lock; a DIRQL one is the interrupt spin lock.
        this.lock = new LockState(id, config.name(), config.passiveHandling() ? LockKind.WAIT : LockKind.INTERRUPT);
    }

    // ------------------------------------------------------------------ object-kind SPI

    /** Nothing pending or running for this interrupt. */
    @Override
    boolean quiet() {
        return kdpc.quiet() && isrPending == 0 && !isrRunning
                && (workItem == null || workItem.idle());
    }

    @Override
    String busyText() {
        return "the ISR/DPC of " + describe();
    }

    @Override
    void deleteReached() {
        interrupts.disconnect(this);
    }

    /** {@code FxInterrupt}: MarkNoDeleteDDI; the framework deletes interrupts with their device. */
    @Override
    boolean noDeleteDdi() {
        return true;
    }

    // ------------------------------------------------------------------ WdfInterrupt

    @Override
    public boolean queueDpcForIsr() {
        return interrupts.queueDpc(this);
    }

    @Override
    public boolean queueWorkItemForIsr() {
        return interrupts.queueWorkItemForIsr(this);
    }

    @Override
    public void acquireLock() {
        interrupts.acquireLock(this);
    }

    @Override
    public void releaseLock() {
        interrupts.releaseLock(this);
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
