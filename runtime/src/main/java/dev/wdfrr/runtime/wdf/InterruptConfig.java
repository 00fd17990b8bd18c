package dev.wdfrr.runtime.wdf;

import dev.wdfrr.runtime.hw.VirtualDevice;

import java.util.Objects;

/**
 * {@code WDF_INTERRUPT_CONFIG}: the hardware, the ISR, and either a DPC (the usual DIRQL case)
 * or a work item callback queued with {@link WdfInterrupt#queueWorkItemForIsr()} (for a
 * passive-level interrupt, or KMDF 1.11+ at DIRQL); giving both fails the create with
 * STATUS_INVALID_PARAMETER, as {@code WdfInterruptCreate} does. With
 * {@code automaticSerialization} (off by default) the DPC or work item runs under the device's
 * callback lock, serialized with its other serialized callbacks.
 */
public record InterruptConfig(String name, VirtualDevice hardware, InterruptServiceRoutine isr,
                              InterruptDpc dpc, WorkItemCallback<Void> workItem, boolean passiveHandling,
                              InterruptStateCallback onEnable, InterruptStateCallback onDisable,
                              boolean automaticSerialization) {
    public InterruptConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(isr, "isr");
    }

    public InterruptConfig(String name, VirtualDevice hardware, InterruptServiceRoutine isr, InterruptDpc dpc,
                           WorkItemCallback<Void> workItem, boolean passiveHandling) {
        this(name, hardware, isr, dpc, workItem, passiveHandling, null, null, false);
    }

    /** An interrupt with the given ISR, at DIRQL, without a DPC yet. */
    public static InterruptConfig of(String name, VirtualDevice hardware, InterruptServiceRoutine isr) {
        return new InterruptConfig(name, hardware, isr, null, null, false);
    }

    public InterruptConfig dpc(InterruptDpc routine) {
        return new InterruptConfig(name, hardware, isr, routine, workItem, passiveHandling, onEnable, onDisable,
                automaticSerialization);
    }

    /** Passive-level handling: the ISR runs at PASSIVE under a wait lock; the work item does the rest. */
    public InterruptConfig passive(WorkItemCallback<Void> callback) {
        return new InterruptConfig(name, hardware, isr, dpc, callback, true, onEnable, onDisable, automaticSerialization);
    }

    /** A work item queued by {@link WdfInterrupt#queueWorkItemForIsr()} at DIRQL. */
    public InterruptConfig workItem(WorkItemCallback<Void> callback) {
        return new InterruptConfig(name, hardware, isr, dpc, callback, passiveHandling, onEnable, onDisable,
                automaticSerialization);
    }

    /** {@code EvtInterruptEnable}: when the interrupt is connected at D0 entry (pnp-power.md [P3]). */
    public InterruptConfig onEnable(InterruptStateCallback callback) {
        return new InterruptConfig(name, hardware, isr, dpc, workItem, passiveHandling, callback, onDisable,
                automaticSerialization);
    }

    /** {@code EvtInterruptDisable}: before it is disconnected at D0 exit ([P4] step 5). */
    public InterruptConfig onDisable(InterruptStateCallback callback) {
        return new InterruptConfig(name, hardware, isr, dpc, workItem, passiveHandling, onEnable, callback,
                automaticSerialization);
    }

    /** Runs the DPC or work item under the device's callback lock ({@code AutomaticSerialization}). */
    public InterruptConfig automaticSerialization(boolean on) {
        return new InterruptConfig(name, hardware, isr, dpc, workItem, passiveHandling, onEnable, onDisable, on);
    }
}
