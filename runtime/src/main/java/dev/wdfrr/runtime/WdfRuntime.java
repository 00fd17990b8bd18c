package dev.wdfrr.runtime;

import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDpc;
import dev.wdfrr.runtime.wdf.WdfTimer;
import dev.wdfrr.runtime.wdf.KernelEvent;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDriver;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.random.RandomGenerator;

/**
 * The runtime a scenario's driver code talks to: creates framework objects and virtual
 * hardware, and supplies time, randomness and modelled work so that the live engine, the
 * deterministic engine and replays all see the same values. Every call is a scheduling point
 * under the deterministic engine.
 *
 * <p><b>Shared state.</b> The deterministic engine switches threads only at runtime calls, so
 * <em>plain Java fields are never interleaved</em>: a race on a field that two threads of driver
 * code share can never make a run fail, however many schedules run. Keep every piece of state
 * that more than one thread touches in a traced cell ({@link #longCell}, {@link #booleanCell},
 * {@link #refCell}, or a cell field of an object context), in a device register, or under a
 * runtime lock. Wait for another thread with a {@link KernelEvent}, not by polling. The race
 * report ({@code wdfrr check}) names accesses to cells and registers that nothing orders.
 */
public interface WdfRuntime {
    /** The driver object, root of all object trees. */
    WdfDriver driver();

    /** Creates a device ({@code WdfDeviceCreate}). */
    WdfDevice createDevice(DeviceConfig config);

    /**
     * The PnP manager removes {@code device} ({@code IRP_MN_REMOVE_DEVICE}): the framework deletes
     * the device object and every object under it, in the order of {@code WdfObjectDelete}
     * (each child's callbacks waited out and cleaned up in turn, the device's cleanup, then every
     * destroy). This is how a driver's device goes away; {@code WdfObjectDelete} on a device is
     * refused ({@code NoDeleteDDI}). Blocks until the deletion is done; call at PASSIVE.
     */
    void removeDevice(WdfDevice device);

    /**
     * Creates a device with attributes ({@code WdfDeviceCreate}): their context type gives the
     * device a context ({@link WdfObject#context}); they name no parent (a device's is the driver).
     */
    WdfDevice createDevice(DeviceConfig config, ObjectAttributes<?> attributes);

    /** A traced {@code LONG} of shared state; see {@link dev.wdfrr.runtime.mem}. */
    LongCell longCell(String name, long initial);

    /** A traced flag of shared state; see {@link dev.wdfrr.runtime.mem}. */
    BooleanCell booleanCell(String name, boolean initial);

    /** A traced reference of shared state; see {@link dev.wdfrr.runtime.mem}. */
    <T> RefCell<T> refCell(String name, T initial);

    /**
     * {@code KeInitializeEvent}: a kernel event of the given type, signaled or not. Any IRQL.
     * See {@link KernelEvent} for set, clear and wait.
     */
    KernelEvent createEvent(String name, KernelEvent.Type type, boolean signaled);

    /**
     * Creates a work item ({@code WdfWorkItemCreate}); max IRQL DISPATCH.
     *
     * @throws WdfException for a null callback, a missing parent, a parent without a device
     *                      ancestor, or automatic serialization under a Dispatch-level scope
     */
    <C> WorkItem<C> createWorkItem(WorkItemConfig<C> config, ObjectAttributes<C> attributes);

    /**
     * Creates a timer ({@code WdfTimerCreate}); max IRQL DISPATCH. The parent is mandatory and must
     * have a device ancestor; {@link ObjectAttributes#executionLevel} Passive makes a passive-level
     * timer (one-shot only).
     *
     * @throws WdfException as the framework's create fails (timers-and-dpcs.md [T1]-[T4])
     */
    <C> WdfTimer createTimer(TimerConfig config, ObjectAttributes<C> attributes);

    /**
     * Creates a DPC object ({@code WdfDpcCreate}); max IRQL DISPATCH. The parent is mandatory and
     * must have a device ancestor.
     *
     * @throws WdfException as the framework's create fails (timers-and-dpcs.md [D1][D2])
     */
    <C> WdfDpc createDpc(DpcConfig config, ObjectAttributes<C> attributes);

    /**
     * Opens a handle to {@code device} for a process ({@code CreateFile}): the scenario's threads send
     * I/O through it. Requests sent before the device started wait in its power-managed queues.
     */
    dev.wdfrr.runtime.hw.Requester openRequester(WdfDevice device, String name);

    /** Creates a virtual I/O source (requester threads sending requests); refused unless bounded, like devices. */
    dev.wdfrr.runtime.hw.IoSource createIoSource(dev.wdfrr.runtime.hw.IoSourceConfig config);

    /** Creates a general object ({@code WdfObjectCreate}), useful as a parent. */
    WdfObject createObject(ObjectAttributes<?> attributes);

    /** Creates a spin lock ({@code WdfSpinLockCreate}). */
    SpinLock createSpinLock(WdfObject parent, String name);

    /** Creates a wait lock ({@code WdfWaitLockCreate}). */
    WaitLock createWaitLock(WdfObject parent, String name);

    /** Creates simulated hardware; refused unless its arrivals are bounded. */
    VirtualDevice createVirtualDevice(VirtualDeviceConfig config);

    /**
     * Starts a scenario thread at PASSIVE (a driver's system thread); the run waits for it
     * before it ends. Starting it orders what the caller did before it before the thread's body.
     */
    ScenarioThread startThread(String name, Runnable body);

    /** Nanoseconds since the run started: virtual under the deterministic engine. */
    long clock();

    /** This thread's random generator, seeded from the run's seed and the thread's name. */
    RandomGenerator random();

    /** Models work that takes {@code nanos}: spins or parks live, advances virtual time otherwise. */
    void work(long nanos);

    /** Writes a user mark into the trace. */
    void mark(String text, long value);

    /** The calling thread's IRQL. */
    Irql currentIrql();

    /** {@code KeRaiseIrql}: raises the calling thread's IRQL, returning the old one. */
    Irql raiseIrql(Irql level);

    /** {@code KeLowerIrql}: lowers the calling thread's IRQL back to a saved level. */
    void lowerIrql(Irql level);

    /**
     * Waits until nothing is left to do: every virtual device has delivered its arrivals, and no
     * ISR, DPC, work item or scenario thread is pending or running. Traced as {@code quiescent}:
     * everything done before happens before what the caller does next.
     */
    void awaitQuiescent();

    /** The configuration of this run. */
    RunConfig config();
}
