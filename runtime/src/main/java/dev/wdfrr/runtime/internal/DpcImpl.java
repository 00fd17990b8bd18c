package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDpc;
import dev.wdfrr.runtime.wdf.WdfObject;

import java.util.ArrayList;

/** A DPC object's state ({@code FxDpc}): its KDPC, callback lock and running instances. {@link DpcObjects} owns the rules. */
final class DpcImpl extends ObjectImpl implements WdfDpc {
    private final DpcObjects dpcs;
    final DpcConfig config;
    final LockState callbackLock;
    final Object context;
    Cpus.Kdpc kdpc;
    /** m_RunningDown: set by the disposal; WdfDpcEnqueue does not look at it ([D5]). */
    boolean runningDown;
    int instances;
    final ArrayList<LogicalThread> runningThreads = new ArrayList<>(2);

    DpcImpl(DpcObjects dpcs, Lifetime lifetime, int id, String name, ObjectImpl parent, DpcConfig config,
            LockState callbackLock, ObjectAttributes<?> attributes, Object context) {
        super(lifetime, id, name, ObjectKind.DPC, parent, attributes.cleanup(), attributes.destroy());
        this.dpcs = dpcs;
        this.config = config;
        this.callbackLock = callbackLock;
        this.context = context;
    }

    @Override
    boolean quiet() {
        return kdpc.quiet();
    }

    @Override
    String busyText() {
        return describe() + " (" + (kdpc.queued() ? "queued" : "") + (kdpc.running > 0 ? " running" : "") + ")";
    }

    @Override
    boolean runsOn(LogicalThread t) {
        return runningThreads.contains(t);
    }

    @Override
    void deleteReached() {
        runningDown = true;
    }

    /** What a delete finds (the generic WdfObjectDelete disposes it: {@code FxDpc::FlushAndRundown}, [D9]). */
    @Override
    DeleteState deleteState(LogicalThread caller) {
        if (runsOn(caller)) {
            return DeleteState.RUNNING_OWN_CALLBACK;
        }
        if (kdpc.running > 0) {
            return DeleteState.RUNNING_OTHER_THREAD;
        }
        return kdpc.queued() ? DeleteState.QUEUED : DeleteState.IDLE;
    }

    @Override
    public boolean enqueue() {
        return dpcs.enqueue(this);
    }

    @Override
    public boolean cancel(boolean wait) {
        return dpcs.cancel(this, wait);
    }

    @Override
    public WdfObject parent() {
        return parent;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> C context() {
        return (C) context;
    }
}
