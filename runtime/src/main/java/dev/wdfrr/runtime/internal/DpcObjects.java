package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDpc;

/**
 * Framework DPC objects ({@code FxDpc}; timers-and-dpcs.md [D1]-[D9]): create, enqueue on the
 * calling CPU (coalesced while queued), cancel with and without waiting, delete (a flush, then
 * the memory goes). The callback runs on the CPU's DPC thread ({@link Cpus}).
 */
final class DpcObjects {
    private final Kernel k;
    private final IrqlRules irql;
    private final Locks locks;
    private final Lifetime lifetime;
    private final Cpus cpus;

    DpcObjects(Kernel k, IrqlRules irql, Locks locks, Lifetime lifetime, Cpus cpus) {
        this.k = k;
        this.irql = irql;
        this.locks = locks;
        this.lifetime = lifetime;
        this.cpus = cpus;
    }

    /** {@code WdfDpcCreate} ([D1][D2]). */
    WdfDpc create(DpcConfig config, ObjectAttributes<?> attributes) {
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irql.ok(t, Irql.DISPATCH, null, "WdfDpcCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfDpcCreate called at " + t.irql);
            }
            ObjectImpl parent = SyncScopes.parentWithDevice(lifetime, attributes, "WdfDpcCreate");
            // FxDpc::Initialize: a DPC's callback is never passive
            LockState lock = config.automaticSerialization()
                    ? SyncScopes.effectiveLock(k, t, parent, false, "WdfDpcCreate") : null;
            int id = k.newObjectId();
            String name = attributes.name() != null ? attributes.name() : "dpc-" + id;
            DpcImpl d = new DpcImpl(this, lifetime, id, name, parent, config, lock, attributes,
                    Contexts.instantiate(attributes.contextType()));
            d.kdpc = new Cpus.Kdpc(id, routine(d));
            lifetime.adopt(t, d, ObjectKind.DPC);
            lifetime.contexts().attach(t, d, d.context);
            return d;
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfDpcEnqueue}: KeInsertQueueDpc on the calling CPU; any IRQL ([D4][D5]). */
    boolean enqueue(DpcImpl d) {
        LogicalThread t = k.current();
        k.enter(t, EventType.WDFDPC_ENQUEUE, d.id);
        try {
            if (d.dead) {
                // WdfDpcEnqueue does not check m_RunningDown: the DPC would run on an object being freed
                k.violation(t, Rule.USE_AFTER_DELETE, d.id, "WdfDpcEnqueue on " + d.describe() + " after its deletion "
                        + "began: the DPC would run on an object being freed (the framework does not check); not queued");
                k.emit(t, EventType.WDFDPC_ENQUEUE, d.id, 0, -1);
                return false;
            }
            int cpu = cpus.cpuOf(t);
            boolean queued = cpus.insert(d.kdpc, cpu);
            k.emit(t, EventType.WDFDPC_ENQUEUE, d.id, (queued ? cpu : d.kdpc.queuedCpu) + 1, queued ? 1 : 0);
            return queued;
        } finally {
            k.exit(t);
        }
    }

    /** {@code WdfDpcCancel} → {@code FxDpc::Cancel} ([D6]-[D8]). */
    boolean cancel(DpcImpl d, boolean wait) {
        LogicalThread t = k.current();
        k.enter(t, EventType.WDFDPC_CANCEL, d.id);
        try {
            int waitBit = wait ? 1 : 0;
            // WdfDpcCancel: the IRQL of a waiting cancel is checked first; with the verifier it returns FALSE
            if (wait && !irql.ok(t, Irql.PASSIVE, d, "WdfDpcCancel(Wait = TRUE)")) {
                k.emit(t, EventType.WDFDPC_CANCEL, d.id, 0, waitBit | 4);
                return false;
            }
            boolean removed = cpus.remove(d.kdpc);
            if (wait && !removed) {
                // FxDpc::Cancel: only when nothing was removed does it flush (KeFlushQueuedDpcs)
                k.emit(t, EventType.FLUSH_START, d.id, 0, 0);
                cpus.flushQueued(t, () -> "the cancel of " + d.describe());
                k.emit(t, EventType.FLUSH_END, d.id, 0, 1);
            }
            k.emit(t, EventType.WDFDPC_CANCEL, d.id, 0, waitBit | (removed ? 2 : 0));
            return removed;
        } finally {
            k.exit(t);
        }
    }

    /** The DPC as its CPU runs it: the callback lock, then EvtDpcFunc ({@code FxDpc::DpcHandler}, [D3]). */
    private Cpus.Routine routine(DpcImpl d) {
        return new Cpus.Routine() {
            @Override
            public void begin(LogicalThread t) {
                if (d.callbackLock != null) {
                    locks.acquireCallbackLock(t, d.id, d.callbackLock);
                }
                d.runningThreads.add(t);
                int instance = ++d.instances;
                t.frame = new LogicalThread.Frame(null, d.id, "EvtDpcFunc of " + d.describe(), t.held.size());
                k.emit(t, EventType.EVT_CALLBACK_START, d.id, CallbackKind.EVT_DPC_FUNC.id(), instance);
            }

            @Override
            public void run(LogicalThread t) {
                k.invoke(t, "EvtDpcFunc of " + d.describe(), () -> {
                    d.config.callback().onDpc(d);
                    return true;
                });
            }

            @Override
            public void end(LogicalThread t) {
                if (d.callbackLock != null) {
                    locks.releaseCallbackLock(t, d.callbackLock);
                }
                d.runningThreads.remove(t);
                k.emit(t, EventType.EVT_CALLBACK_END, d.id, CallbackKind.EVT_DPC_FUNC.id(), 0);
            }
        };
    }
}
