/**
 * Internal implementation of the runtime: a small core, one component per object kind, the
 * facade that wires them, and the two engines. Nothing outside the runtime module may import
 * it; its types change without notice.
 *
 * <h2>Layout (bottom up; each layer calls only the layers below it)</h2>
 * <ol>
 *   <li>{@code Engine} ({@code LiveEngine},
 *       {@code DeterministicEngine}): who runs the threads and what time it is.</li>
 *   <li>{@code Kernel}, the core. It names no object kind: the
 *       engine handshake ({@code enter}/{@code exit}/{@code await}), sequence numbers, event
 *       emission, ids and names, the current thread, calling driver code ({@code invoke}),
 *       violations and the run's failure state, the thread registry ({@code newThread},
 *       {@code start}), a thread's gate (what preempts it), and two registries it asks without
 *       knowing what answers: {@code Activity} (quiescence) and {@code onShutdown} (end-of-run
 *       checks).</li>
 *   <li>{@code IrqlRules} (KmdfIrql, KeRaise/LowerIrql); {@code Lifetime} ({@code FxObject},
 *       {@code FxDisposeList}: the object tree, WdfObjectCreate, WdfObjectDelete and the
 *       dispose list's own thread) with {@code Disposal} (the cascade of one deletion:
 *       {@code DisposeChildrenWorker}, {@code DestroyChildren}, {@code ProcessDestroy});
 *       {@code Locks} (spin, wait, interrupt, callback and object locks).</li>
 *   <li>{@code WorkItems} ({@code FxWorkItem}): create, enqueue, flush, the item's rundown, and
 *       the system worker threads (the thunk, {@code m_WorkItemThread}).</li>
 *   <li>{@code Interrupts} ({@code FxInterrupt}): per-CPU ISR and DPC queues and threads (an
 *       ISR preempts the DPC on its CPU through the DPC thread's gate), DPC and work item for
 *       ISR, automatic serialization, the interrupt lock.</li>
 *   <li>{@code Devices} ({@code FxDevice}, queues as sync-scope parents, device removal).</li>
 *   <li>{@code Hardware}: virtual devices, their registers, FIFOs and arrival threads;
 *       {@code ScenarioThreads}: the scenario's own threads.</li>
 *   <li>{@code WdfRuntimeImpl}: the facade; constructs the
 *       components bottom up, registers the system threads in a fixed order (thread ids are
 *       traced), runs the scenario on {@code main}, and forwards each call.</li>
 * </ol>
 * Each component owns its state; an object's {@code XxxImpl} class holds that object's fields
 * and forwards its public methods to its component. When a lower layer needs something from a
 * higher one, it declares a small interface the higher one implements: {@code InterruptLine}
 * (implemented by the virtual devices), {@code SyncOwner} (devices and queues), and the
 * object-kind SPI on {@code ObjectImpl} that {@code Lifetime} calls.
 *
 * <h2>Adding an object kind</h2>
 * <ol>
 *   <li><b>The public type</b> in {@code dev.wdfrr.runtime.wdf} (javadoc naming the DDI), a
 *       constant in {@code ObjectKind} (id and label), and a factory: on {@code WdfRuntime} or
 *       on the parent's interface.</li>
 *   <li><b>Its state</b>: {@code FooImpl extends ObjectImpl}, fields guarded by enter/exit,
 *       public methods forwarding to the component.</li>
 *   <li><b>Its rules</b>: a component {@code Foos} whose constructor takes the core and the
 *       components below it (never above). Every call: {@code t = k.current();
 *       k.enter(t, op, id)}; check ({@code irql.ok}, handle state); change state and
 *       {@code k.emit} together; {@code k.exit(t)}. Blocking is {@code k.await(t, wait, deadline)}
 *       inside enter/exit with a {@code Wait} that only reads state.
 *       Driver code runs only outside enter/exit, through {@code k.invoke}. A violation is
 *       {@code k.violation(t, rule, objectId, message)}.</li>
 *   <li><b>Its threads</b>, if its objects run on threads of their own (timers, I/O dispatch):
 *       {@code k.newThread(creator, name, kind, cpu)} then {@code k.start(t, loop)}, called
 *       from {@code WdfRuntimeImpl.bootstrap} for system threads (after the existing ones, so
 *       existing thread ids do not move) or on demand inside enter/exit. A loop takes work in
 *       one step ({@code await} an idle {@code Wait}, {@code k.workStarted()}, push a
 *       {@code LogicalThread.Frame}, emit the start), invokes the driver code, then in one step
 *       {@code locks.releaseHeldAtReturn(t)}, {@code k.workEnded()}, pop the frame and emit the
 *       end. A thread that something preempts gets a {@code gate} (a {@code Wait}): the core holds
 *       it at every runtime call while the gate is shut.</li>
 *   <li><b>Its lifetime</b>: {@code WdfObjectDelete} and the parent cascade are generic
 *       ({@code Lifetime}, {@code Disposal}); they ask an object of a kind they do not know
 *       through the object-kind SPI on {@code ObjectImpl}: {@code noDeleteDdi()} (the framework
 *       deletes it itself), {@code deleteState(caller)} (for the delete event),
 *       {@code deleteReached()} (take no more work from the hardware), {@code beginDispose()}
 *       (the kind's {@code Dispose}: refuse new work), {@code quiet()} and {@code busyText()}
 *       (what the deleting thread waits for), {@code disposeWaitSkippedFor(thread)} and
 *       {@code runsOn(thread)} (the framework's own-thread rule, and a wait on itself),
 *       {@code finishDispose()}, {@code destroyed()}, {@code passiveCallbacks()}. An object
 *       that a running callback still holds is destroyed when it lets go: the component calls
 *       {@code lifetime.releasedLocked(o)} at the callback's end, then
 *       {@code lifetime.destroyReleased(t, o)}.</li>
 *   <li><b>Its run-wide checks</b>: {@code k.addActivity(...)} if it has work the run must
 *       wait out before it ends; {@code k.onShutdown(t -> ...)} for an end-of-run check such
 *       as a leak (it runs inside enter/exit and reports with {@code k.violation}).</li>
 *   <li><b>Its events</b>: new {@code EventType}s take ids from the range and bump the
 *       trace format's minor version; the tracer, its checks, exports and the viewer learn
 *       them.</li>
 *   <li><b>Wiring</b>: one line in the {@code WdfRuntimeImpl} constructor, in layer order, and
 *       the facade methods that forward to it.</li>
 * </ol>
 */
package dev.wdfrr.runtime.internal;
