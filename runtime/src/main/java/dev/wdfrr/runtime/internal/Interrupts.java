package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.InterruptStateCallback;
import dev.wdfrr.runtime.wdf.WdfInterrupt;

import java.util.ArrayDeque;

/**
 * Interrupts and their DPCs, as the framework's {@code FxInterrupt} runs them: create and
 * connect to a hardware line, the per-CPU ISR queues, the ISR thunk at DIRQL holding the
 * interrupt lock, {@code QueueDpcForIsr} (a {@link Cpus.Kdpc}, coalescing until the DPC runs),
 * the DPC at DISPATCH (under the device's callback lock with AutomaticSerialization),
 * {@code QueueWorkItemForIsr} (through the interrupt's DPC above DISPATCH), and the interrupt lock. One ISR thread per
 * CPU; the DPCs run on the CPUs' DPC threads ({@link Cpus}).
 */
final class Interrupts {
    private final Kernel k;
    private final IrqlRules irql;
    private final Locks locks;
    private final Lifetime lifetime;
    private final WorkItems workItems;
    private final Cpus processors;
    private final CpuState[] cpus;
    private int roundRobin;

    /** Per-CPU queue of interrupts waiting for the ISR. */
    private static final class CpuState {
        final int index;
        final ArrayDeque<InterruptImpl> isrQueue = new ArrayDeque<>();
        /** Raised when an interrupt joins {@link #isrQueue}: the ISR thread's idle wait. */
        final Signal isrQueued = new Signal();

        CpuState(int index) {
            this.index = index;
        }
    }

    Interrupts(Kernel k, IrqlRules irql, Locks locks, Lifetime lifetime, WorkItems workItems, Cpus processors) {
        this.k = k;
        this.irql = irql;
        this.locks = locks;
        this.lifetime = lifetime;
        this.workItems = workItems;
        this.processors = processors;
        this.cpus = new CpuState[k.config().cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new CpuState(i);
        }
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (CpuState c : cpus) {
                    if (!c.isrQueue.isEmpty()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
            }
        });
    }

    /** Registers an ISR thread per CPU (after the CPUs' DPC threads). */
    void startIsrThreads(LogicalThread creator) {
        for (CpuState cpu : cpus) {
            LogicalThread c = k.newThread(creator, "isr-" + cpu.index, ThreadKind.ISR, cpu.index);
            k.start(c, () -> isrLoop(c, cpu));
        }
    }

    // ------------------------------------------------------------------ create, connect, raise

    /** {@code WdfInterruptCreate}. */
    WdfInterrupt create(DeviceImpl device, InterruptConfig ic) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!irql.ok(t, Irql.PASSIVE, device, "WdfInterruptCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfInterruptCreate above PASSIVE");
            }
            Lifetime.requireAlive(device, "WdfInterruptCreate");
            if (!(ic.hardware() instanceof InterruptLine hw) || !hw.belongsTo(lifetime)) {
                throw new IllegalArgumentException("interrupt hardware must be a virtual device of this runtime");
            }
            if (hw.connected() != null && !hw.connected().dead) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "virtual device " + hw.describe()
                        + " is already connected to " + hw.connected().describe());
            }
            if (ic.passiveHandling() && ic.workItem() == null) {
                throw new WdfException(NtStatus.INVALID_PARAMETER, "a passive-level interrupt needs a work item callback");
            }
            if (ic.dpc() != null && ic.workItem() != null) {
                // WdfInterruptCreate: "Driver can provide either EvtInterruptDpc or EvtInterruptWorkItem callback but not both"
                throw new WdfException(NtStatus.INVALID_PARAMETER, "WdfInterruptCreate: invalid parameter: "
                        + ic.name() + " has both a DPC and a work item callback; the framework takes one or the other");
            }
            LockState callbackLock = ic.automaticSerialization() ? serializationLock(t, device, ic) : null;
            int id = k.newObjectId();
            InterruptImpl in = new InterruptImpl(this, lifetime, id, device, hw, ic, callbackLock);
            in.kdpc = new Cpus.Kdpc(id, dpcRoutine(in));
            hw.connect(in);
            device.interrupts.add(in);
            in.connectedToLine = device.inD0(); // a PnP device connects its interrupts at D0 entry ([P3])
            lifetime.adopt(t, in, ObjectKind.INTERRUPT);
            if (ic.workItem() != null) {
                in.workItem = workItems.createOwned(t, in, ic.workItem(), callbackLock);
            }
            return in;
        } finally {
            k.exit(t);
        }
    }

    /**
     * {@code FxInterrupt::InitializeWorker} and {@code FxObject::_GetEffectiveLock}: the device's
     * callback lock when its scope serializes; the DPC needs a dispatch-level device, the work
     * item a passive one, else create fails with an incompatible execution level.
     */
    private LockState serializationLock(LogicalThread t, DeviceImpl device, InterruptConfig ic) {
        if (device.scopeLock() == null) {
            return null;
        }
        boolean passiveCallbacks = ic.workItem() != null || ic.passiveHandling();
        if (passiveCallbacks != device.passiveCallbacks()) {
            String message = "automatic serialization of the " + (passiveCallbacks ? "work item" : "DPC") + " of "
                    + ic.name() + " under " + device.describe() + " needs execution level "
                    + (passiveCallbacks ? "PASSIVE" : "DISPATCH") + ", but it is " + device.effectiveLevel()
                    + " (create fails: incompatible execution level)";
            k.violation(t, Rule.INCOMPATIBLE_EXECUTION_LEVEL, device.id, message);
            throw new WdfException(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL, "WdfInterruptCreate: " + message);
        }
        return device.scopeLock();
    }

    /** Deletion reached the interrupt: disconnected, the hardware raises nothing more; raised but unserviced is dropped. */
    void disconnect(InterruptImpl in) {
        if (in.hardware.connected() == in) {
            in.hardware.connect(null);
        }
        for (CpuState c : cpus) {
            c.isrQueue.removeIf(pending -> pending == in);
        }
        in.isrPending = 0;
    }

    // ------------------------------------------------------------------ connect and disconnect (PnP)

    /**
     * {@code FxInterrupt::Connect} then {@code InterruptEnable}: from now on the ISR can run; then
     * EvtInterruptEnable at DIRQL holding the interrupt lock (a passive-level interrupt's: at
     * PASSIVE holding its wait lock) ([P1][P3][P15]). Outside enter/exit, on the PnP thread.
     */
    void connect(LogicalThread t, InterruptImpl in) {
        k.enter(t, EventType.INTERRUPT_STATE, in.id);
        try {
            in.connectedToLine = true;
            k.emit(t, EventType.INTERRUPT_STATE, in.id, in.hardware.id(), 1);
        } finally {
            k.exit(t);
        }
        stateCallback(t, in, in.config.onEnable(), CallbackKind.INTERRUPT_ENABLE);
        k.enter(t, EventType.INTERRUPT_STATE, in.id);
        try {
            k.emit(t, EventType.INTERRUPT_STATE, in.id, in.hardware.id(), 2);
            in.hardware.raisePending(t); // level-triggered: what the device raised meanwhile is taken now
        } finally {
            k.exit(t);
        }
    }

    /**
     * {@code FxInterrupt::Disconnect} ([P4] step 5): EvtInterruptDisable at DIRQL holding the
     * interrupt lock, the ISRs a CPU already took run to their end, then every DPC queued on any
     * CPU is flushed ({@code KeFlushQueuedDpcs}), the interrupt's work item waited for, and the
     * interrupt disconnected: no ISR after this.
     * Outside enter/exit, on the PnP thread.
     */
    void disconnectForPower(LogicalThread t, InterruptImpl in) {
        stateCallback(t, in, in.config.onDisable(), CallbackKind.INTERRUPT_DISABLE);
        k.enter(t, EventType.INTERRUPT_STATE, in.id);
        try {
            k.emit(t, EventType.INTERRUPT_STATE, in.id, in.hardware.id(), 3);
            k.emit(t, EventType.FLUSH_START, in.id, 0, 0);
            // FxInterrupt::InterruptDisable runs EvtInterruptDisable under the interrupt lock (_SynchronizeExecution):
            // an ISR a CPU already took runs to its end first, so the DPC or work item it queues is flushed below
            k.await(t, Wait.of(() -> !in.isrRunning && in.isrPending == 0, () -> "the ISRs taken of " + in.describe()), -1);
            processors.flushQueued(t, () -> "the disconnection of " + in.describe());
            if (in.workItem != null) {
                k.await(t, Wait.of(in.workItem::idle, () -> "the work item of " + in.describe()
                        + " (FlushQueuedWorkitem)"), -1);
            }
            k.await(t, Wait.of(() -> !in.isrRunning, () -> "the ISR of " + in.describe()), -1);
            k.emit(t, EventType.FLUSH_END, in.id, 0, 1);
            in.connectedToLine = false;
            for (CpuState c : cpus) {
                c.isrQueue.removeIf(pending -> pending == in); // its status stays pending in the device
            }
            in.isrPending = 0;
            k.emit(t, EventType.INTERRUPT_STATE, in.id, in.hardware.id(), 4);
        } finally {
            k.exit(t);
        }
    }

    /** EvtInterruptEnable/Disable: at DIRQL (or PASSIVE) holding the interrupt lock, traced as a callback of the interrupt. */
    private void stateCallback(LogicalThread t, InterruptImpl in, InterruptStateCallback cb, CallbackKind kind) {
        if (cb == null) {
            return;
        }
        Irql saved;
        k.enter(t, EventType.EVT_CALLBACK_START, in.id);
        try {
            if (!in.lock.free()) {
                k.await(t, Wait.of(in.lock::free, () -> in.lock.describe() + " held by " + in.lock.owner), -1);
            }
            in.lock.owner = t;
            k.emit(t, EventType.LOCK_ACQUIRE, in.lock.id, 0, in.lock.kind.id());
            saved = t.irql;
            t.irql = in.config.passiveHandling() ? Irql.PASSIVE : Irql.DIRQL;
            t.frame = new LogicalThread.Frame(t.frame, in.id, kind.label() + " of " + in.describe(), t.held.size());
            k.emit(t, EventType.EVT_CALLBACK_START, in.id, kind.id(), 0);
        } finally {
            k.exit(t);
        }
        long[] status = {0};
        k.invoke(t, kind.label() + " of " + in.describe(), () -> {
            status[0] = cb.on(in, in.device);
            return true;
        });
        k.enter(t, EventType.EVT_CALLBACK_END, in.id);
        try {
            locks.releaseHeldAtReturn(t);
            t.frame = t.frame.outer;
            in.lock.owner = null;
            t.irql = saved;
            k.emit(t, EventType.LOCK_RELEASE, in.lock.id, 0, in.lock.kind.id());
            k.emit(t, EventType.EVT_CALLBACK_END, in.id, kind.id(), status[0]);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: the line raises its interrupt on its CPU (or the next, round-robin). */
    void raise(LogicalThread t, InterruptImpl in, int targetCpu) {
        int cpu = targetCpu >= 0 ? targetCpu % cpus.length : roundRobin++ % cpus.length;
        cpus[cpu].isrQueue.add(in);
        cpus[cpu].isrQueued.raise();
        in.isrPending++;
        k.emit(t, EventType.INTERRUPT, in.id, in.hardware.id(), cpu);
    }

    // ------------------------------------------------------------------ DPC, work item, lock

    /** {@code WdfInterruptQueueDpcForIsr}: on the calling CPU; false when already queued. */
    boolean queueDpc(InterruptImpl in) {
        LogicalThread t = k.current();
        k.enter(t, EventType.DPC_QUEUE, in.id);
        try {
            if (in.config.dpc() == null) {
                throw new IllegalStateException(in.describe() + " has no DPC configured");
            }
            return queueDpcLocked(t, in);
        } finally {
            k.exit(t);
        }
    }

    /** Inside enter/exit: KeInsertQueueDpc of the interrupt's DPC on the calling CPU. */
    private boolean queueDpcLocked(LogicalThread t, InterruptImpl in) {
        if (in.dead) {
            return false;
        }
        boolean queued = processors.insert(in.kdpc, processors.cpuOf(t));
        k.emit(t, EventType.DPC_QUEUE, in.id, 0, queued ? 1 : 0);
        return queued;
    }

    /**
     * {@code FxInterrupt::QueueWorkItemForIsr}: above DISPATCH, the interrupt's internal DPC is
     * queued (it enqueues the work item when it runs) and its result returned, not the work
     * item's; otherwise the work item is enqueued here.
     */
    boolean queueWorkItemForIsr(InterruptImpl in) {
        LogicalThread t = k.current();
        WorkItemImpl w = in.workItem;
        if (w == null) {
            throw new IllegalStateException(in.describe() + " has no work item configured");
        }
        boolean viaDpc = t.irql.above(Irql.DISPATCH);
        k.enter(t, viaDpc ? EventType.DPC_QUEUE : EventType.ENQUEUE, viaDpc ? in.id : w.id);
        try {
            return viaDpc ? queueDpcLocked(t, in) : workItems.enqueueLocked(t, w, in.id, "WdfInterruptQueueWorkItemForIsr");
        } finally {
            k.exit(t);
        }
    }

    void acquireLock(InterruptImpl in) {
        locks.acquireInterruptLock(in, in.lock, in.config.passiveHandling());
    }

    void releaseLock(InterruptImpl in) {
        locks.release(in, in.lock);
    }

    // ------------------------------------------------------------------ the ISR and DPC threads

    private void isrLoop(LogicalThread t, CpuState cpu) {
        // An interrupt is taken off the queue only once its lock is free: the ISR starts (and is
        // traced) in the same step, so no state changes unseen while it waits for the lock.
        // Only an empty queue promises a raise first; an interrupt waiting for its lock is re-checked.
        Wait interrupts = Wait.idle(() -> !cpu.isrQueue.isEmpty() && cpu.isrQueue.peek().lock.free(), "interrupts",
                () -> cpu.isrQueue.isEmpty() ? cpu.isrQueued : null);
        for (;;) {
            InterruptImpl in;
            k.enterWaiting(t, EventType.ISR_START, interrupts);
            try {
                k.await(t, interrupts, -1);
                in = cpu.isrQueue.poll();
                in.isrPending--;
                in.isrRunning = true;
                processors.isrActive(cpu.index, !in.config.passiveHandling());
                k.workStarted();
                in.lock.owner = t;
                t.irql = in.config.passiveHandling() ? Irql.PASSIVE : Irql.DIRQL;
                t.frame = new LogicalThread.Frame(null, in.id, "ISR of " + in.describe(), t.held.size());
                k.emit(t, EventType.ISR_START, in.id, in.hardware.id(), 0);
            } finally {
                k.exit(t);
            }
            InterruptImpl target = in;
            boolean claimed = k.invoke(t, "ISR of " + in.describe(), () -> target.config.isr().service(target));
            k.enter(t, EventType.ISR_END, in.id);
            try {
                locks.releaseHeldAtReturn(t);
                in.lock.owner = null;
                in.isrRunning = false;
                processors.isrActive(cpu.index, false);
                k.workEnded();
                t.frame = null;
                k.emit(t, EventType.ISR_END, in.id, 0, claimed ? 1 : 0);
                t.irql = Irql.PASSIVE;
            } finally {
                k.exit(t);
            }
        }
    }

    /**
     * The interrupt's DPC for its ISR, as the CPU runs it ({@code FxInterrupt::_InterruptDpcThunk}):
     * the driver's DPC under the callback lock of AutomaticSerialization ({@code DpcHandler}), or,
     * for an interrupt with a work item, the enqueue of that work item.
     */
    private Cpus.Routine dpcRoutine(InterruptImpl in) {
        return new Cpus.Routine() {
            @Override
            public void begin(LogicalThread t) {
                boolean driverDpc = in.config.dpc() != null;
                if (driverDpc && in.callbackLock != null) {
                    locks.acquireCallbackLock(t, in.id, in.callbackLock);
                }
                t.frame = new LogicalThread.Frame(null, in.id, "DPC of " + in.describe(), t.held.size());
                k.emit(t, EventType.DPC_START, in.id, 0, 0);
                if (!driverDpc) {
                    workItems.enqueueLocked(t, in.workItem, in.id, "WdfInterruptQueueWorkItemForIsr (the interrupt's DPC)");
                }
            }

            @Override
            public void run(LogicalThread t) {
                if (in.config.dpc() != null) {
                    k.invoke(t, "DPC of " + in.describe(), () -> {
                        in.config.dpc().run(in);
                        return true;
                    });
                }
            }

            @Override
            public void end(LogicalThread t) {
                if (in.config.dpc() != null && in.callbackLock != null) {
                    locks.releaseCallbackLock(t, in.callbackLock);
                }
                k.emit(t, EventType.DPC_END, in.id, 0, 0);
            }
        };
    }
}
