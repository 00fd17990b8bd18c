package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wdf-semantics.md, "Delete (WdfObjectDelete)": what stays valid until destroy, a delete from the
 * item's own callback, the parent cascade's order, and the objects the driver may not delete.
 */
@Timeout(30)
class DisposeCascadeTest {
    /** The item's context: what its callbacks and its cleanup and destroy read. */
    static final class Counter {
        int value;
    }

    private static String thread(Scenarios.Recorded r, Event e) {
        return r.sink().nameOf(NameKind.THREAD, e.thread());
    }

    private static Event first(Scenarios.Recorded r, EventType type, int object) {
        return r.of(type).stream().filter(e -> e.object() == object).findFirst().orElseThrow();
    }

    // FxObject::ProcessDestroy calls EvtDestroyCallback "before any destructor": it has access to a full fledged object
    @Test
    void cleanupAndDestroyCallbacksReadTheContextWithNoFinding_FxObjectProcessDestroy() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Counter> w = rt.createWorkItem(WorkItemConfig.init(item -> item.context().value++),
                    ObjectAttributes.parent(dev).context(Counter.class).name("counted")
                            .cleanup(o -> seen.add("cleanup reads " + ((WorkItem<?>) o).context().getClass().getSimpleName()
                                    + " " + ((Counter) ((WorkItem<?>) o).context()).value))
                            .destroy(o -> seen.add("destroy reads " + ((Counter) ((WorkItem<?>) o).context()).value)));
            w.enqueue();
            w.flush();
            w.delete();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("cleanup reads Counter 1", "destroy reads 1");
    }

    // FxWorkItem::FlushAndRundown waits for the callback before the handle goes: the callback still sees a whole object
    @Test
    void aQueuedCallbackReadsItsContextAndParentAfterAnotherThreadDeletedIt_FxWorkItemFlushAndRundown() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Counter> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                seen.add("deleted " + item.isDeleted() + ", parent " + item.parent().name() + ", context " + item.context().value);
            }), ObjectAttributes.parent(dev).context(Counter.class).name("queued"));
            w.context().value = 7;
            w.enqueue();
            w.delete(); // main is preferred: the callback has not started, the delete waits for it
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(seen).containsExactly("deleted true, parent d, context 7");
    }

    // FxObject::DisposeChildrenWorker waits for each child (FxWorkItem::Dispose) before its cleanup: a running callback is whole
    @Test
    void aRunningCallbackReadsItsContextAndParentWhileItsParentIsBeingDeleted_FxObjectDisposeChildrenWorker() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfObject parent = rt.createObject(ObjectAttributes.parent(dev).name("session"));
            WorkItem<Counter> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                rt.work(5_000); // the parent's deletion begins meanwhile
                seen.add("deleted " + item.isDeleted() + ", parent " + item.parent().name() + ", context " + item.context().value);
            }, false), ObjectAttributes.parent(parent).context(Counter.class).name("reused"));
            w.enqueue();
            rt.work(1_000);
            parent.delete();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(seen).containsExactly("deleted true, parent session, context 0");
    }

    // FxObject::DeleteObject → DisposeChildrenWorker → FxWorkItem::Dispose (no wait on m_WorkItemThread) → CallCleanup
    @Test
    void deleteFromOwnCallbackRunsCleanupInsideDeleteAndDestroyAfterReturn_FxObjectDeleteObject() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Counter> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                item.context().value = 42;
                item.delete();
                calls.add("delete returned, parent " + item.parent() + ", context " + item.context().value);
                rt.work(1_000);
                calls.add("callback returns");
            }), ObjectAttributes.parent(dev).context(Counter.class)
                    .cleanup(o -> calls.add("cleanup on " + Thread.currentThread().getName().replace("wdfrr-", "")))
                    .destroy(o -> calls.add("destroy reads " + ((Counter) ((WorkItem<?>) o).context()).value)));
            id[0] = w.id();
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).hasSize(4);
        assertThat(calls.get(0)).matches("cleanup on worker-\\d");
        // FxWorkItem::FlushAndRundown released the parent (m_Object = NULL); the context stays until destroy
        assertThat(calls.subList(1, 4)).containsExactly("delete returned, parent null, context 42", "callback returns",
                "destroy reads 42");
        Event cleanup = first(r, EventType.CLEANUP, id[0]);
        Event end = first(r, EventType.CALLBACK_END, id[0]);
        Event destroy = first(r, EventType.DESTROY, id[0]);
        assertThat(cleanup.seq()).isLessThan(end.seq());
        assertThat(destroy.seq()).isGreaterThan(end.seq());
        assertThat(thread(r, cleanup)).isEqualTo(thread(r, end)).isEqualTo(thread(r, destroy));
        assertThat(DeleteState.ofArg(first(r, EventType.DELETE, id[0]).arg())).isEqualTo(DeleteState.RUNNING_OWN_CALLBACK);
    }

    // FxObject::FinalRelease: the worker that lets go destroys the item; the run is not quiescent before that
    @Test
    void quiescenceWaitsForTheDestroyThatTheCallbacksEndLeftToItsWorker_FxObjectFinalRelease() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(WorkItem::delete),
                    ObjectAttributes.parent(dev).destroy(o -> calls.add("destroy")));
            w.enqueue();
            rt.awaitQuiescent(); // main is preferred whenever it can run
            calls.add("quiescent");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("destroy", "quiescent");
    }

    // FxObject::DeleteObject runs the cleanup on the deleting thread: a cleanup taking a lock its callback holds waits on itself
    @Test
    void aCleanupTakingALockItsOwnCallbackHoldsIsASelfDeadlock_FxObjectDeleteObject() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WaitLock lock = rt.createWaitLock(dev, "state-lock");
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                lock.acquire();
                item.delete(); // its cleanup runs right here, on this thread
                lock.release();
            }), ObjectAttributes.parent(dev).name("per-use").cleanup(o -> {
                lock.acquire();
                lock.release();
            }));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_WAITLOCK);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).containsPattern("worker-\\d waits for wait lock 'state-lock' \\(#\\d+\\) held by worker-\\d");
    }

    // FxObject::DisposeChildrenWorker (each child waited for, then cleaned up, in turn; then the parent) and DestroyChildren
    @Test
    void parentDeletionCleansUpEachChildInTurnThenTheParentThenDestroysChildrenThenTheParent_FxObjectDisposeChildrenWorker() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean aCleanedUp = new AtomicBoolean();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfObject parent = rt.createObject(ObjectAttributes.parent(dev).name("p")
                    .cleanup(o -> calls.add("cleanup p")).destroy(o -> calls.add("destroy p")));
            WorkItem<Void> a = rt.createWorkItem(WorkItemConfig.init(i -> {
                rt.work(2_000);
                calls.add("callback a returns");
            }, false), ObjectAttributes.parent(parent).name("a").cleanup(o -> {
                calls.add("cleanup a");
                aCleanedUp.set(true);
            }).destroy(o -> calls.add("destroy a")));
            WorkItem<Void> b = rt.createWorkItem(WorkItemConfig.init(i -> {
                while (!aCleanedUp.get()) {
                    rt.work(1_000); // still running while its sibling is cleaned up
                }
                calls.add("callback b returns");
            }, false), ObjectAttributes.parent(parent).name("b")
                    .cleanup(o -> calls.add("cleanup b")).destroy(o -> calls.add("destroy b")));
            a.enqueue();
            b.enqueue();
            rt.work(500); // both callbacks run
            parent.delete();
            calls.add("delete returned");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("callback a returns", "cleanup a", "callback b returns", "cleanup b",
                "cleanup p", "destroy a", "destroy b", "destroy p", "delete returned");
    }

    // WdfObjectDelete: pObject->IsNoDeleteDDI() → FxVerifierDbgBreakPoint, and nothing is deleted
    @Test
    void deletingADeviceOrAnInterruptIsTheNoDeleteDdiBreakAndDeletesNothing_WdfObjectDelete() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            var hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw",
                    new InterruptSource.Periodic(1_000), (d, i) -> { }).maxArrivals(1));
            var in = dev.createInterrupt(InterruptConfig.of("int", hw, i -> false));
            dev.delete();
            in.delete();
            rt.driver().delete();
            seen.add("device deleted " + dev.isDeleted() + ", interrupt deleted " + in.isDeleted());
            rt.removeDevice(dev);
            seen.add("after removal: device deleted " + dev.isDeleted() + ", interrupt deleted " + in.isDeleted());
        });
        assertThat(r.violations()).containsExactly(Rule.NO_DELETE_DDI, Rule.NO_DELETE_DDI, Rule.NO_DELETE_DDI);
        assertThat(seen).containsExactly("device deleted false, interrupt deleted false",
                "after removal: device deleted true, interrupt deleted true");
        assertThat(r.result().message()).contains("NoDeleteDDI: WdfObjectDelete on device 'd'", "nothing is deleted");
    }

    // FxObject::DeleteObject in a disposing state does nothing: the parent's cascade disposes the object
    @Test
    void aCallbackDeletingItsItemWhileTheParentsDeletionWaitsForItIsNoFinding_FxObjectDeleteObject() {
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                rt.work(5_000); // the device is removed meanwhile
                item.delete();
            }), ObjectAttributes.parent(dev).name("per-use"));
            id[0] = w.id();
            w.enqueue();
            rt.work(1_000);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(DeleteState.ofArg(r.of(EventType.DELETE).stream().filter(e -> e.object() == id[0])
                .findFirst().orElseThrow().arg())).isIn(DeleteState.PARENT_DELETING, DeleteState.RUNNING_OWN_CALLBACK);
    }

    // FxObject::_GetEffectiveLock checks IsPassiveCallbacks on the work item's parent itself
    @Test
    void anAutoSerializedItemUnderAGeneralObjectNeedsThatObjectPassive_FxObjectGetEffectiveLock() {
        List<String> outcomes = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            WdfObject inherits = rt.createObject(ObjectAttributes.parent(dev).name("inherits"));
            WdfObject passive = rt.createObject(ObjectAttributes.parent(dev).name("passive")
                    .executionLevel(ExecutionLevel.PASSIVE));
            try {
                rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(inherits));
                outcomes.add("inherits: created");
            } catch (WdfException e) {
                outcomes.add("inherits: " + e.status());
            }
            rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(passive));
            outcomes.add("passive: created");
            rt.removeDevice(dev);
        });
        assertThat(outcomes).containsExactly("inherits: " + NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL, "passive: created");
        assertThat(r.violations()).containsExactly(Rule.INCOMPATIBLE_EXECUTION_LEVEL);
        assertThat(r.result().message()).contains("parent object 'inherits'", "only an explicit PASSIVE");
    }
}
