package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wdf-semantics.md, "Delete (WdfObjectDelete)" and "Get parent". */
@Timeout(30)
class DeleteTest {
    private static long deleteArg(Scenarios.Recorded r, int object) {
        return r.of(EventType.DELETE).stream().filter(e -> e.object() == object).findFirst().orElseThrow().arg();
    }

    @Test
    void deleteOfANeverEnqueuedItemCleansUpAtOnce() {
        List<String> calls = new ArrayList<>();
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev)
                    .cleanup(o -> calls.add("cleanup")).destroy(o -> calls.add("destroy")));
            id[0] = w.id();
            w.delete();
            calls.add("returned");
            assertThat(w.isDeleted()).isTrue();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(calls).containsExactly("cleanup", "destroy", "returned");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.IDLE);
    }

    @Test
    void deleteOfAQueuedItemWaitsUntilTheCallbackHasRun() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int[] id = {0};
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> calls.add("callback")),
                    ObjectAttributes.parent(dev).cleanup(o -> calls.add("cleanup")));
            id[0] = w.id();
            w.enqueue();
            w.delete(); // main is preferred: the callback has not started yet
            calls.add("returned");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("callback", "cleanup", "returned");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.QUEUED);
    }

    @Test
    void deleteFromAnotherThreadWhileRunningWaitsForTheCallback() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                rt.work(10_000);
                calls.add("callback returns");
            }), ObjectAttributes.parent(dev).cleanup(o -> calls.add("cleanup")));
            id[0] = w.id();
            w.enqueue();
            rt.work(1_000); // the callback is running
            w.delete();
            calls.add("delete returned at " + rt.clock());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("callback returns", "cleanup", "delete returned at 10000");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.RUNNING_OTHER_THREAD);
    }

    // FxObject::QueueDeferredDisposeLocked: a passive-dispose object deleted at DISPATCH goes to the dispose list
    @Test
    void deleteAtDispatchIsDeferredToTheDisposeListAndReturnsAtOnce_FxObjectQueueDeferredDisposeLocked() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev)
                    .cleanup(o -> calls.add("cleanup on " + Thread.currentThread().getName().replace("wdfrr-", "")
                            + " at " + rt.currentIrql())));
            id[0] = w.id();
            rt.raiseIrql(Irql.DISPATCH);
            w.delete();
            calls.add("returned");
            rt.lowerIrql(Irql.PASSIVE);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo("returned");
        assertThat(calls.get(1)).isEqualTo("cleanup on dispose at PASSIVE"); // FxDisposeList's own system thread
        assertThat(deleteArg(r, id[0]) & DeleteState.DEFERRED_FLAG).isNotZero();
    }

    @Test
    void aSecondDeleteIsAUseAfterDeleteAndACallOnAFreedHandleABugCheck() {
        List<Throwable> thrown = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(1_000)), ObjectAttributes.parent(dev));
            w.enqueue();
            rt.raiseIrql(Irql.DISPATCH);
            w.delete();      // deferred: not running down yet, not freed
            w.delete();      // ignored by the framework (a checked build asserts)
            rt.lowerIrql(Irql.PASSIVE);
            w.flush();       // legal until destroy
            rt.awaitQuiescent();
            try {
                w.context(); // destroyed by now: a freed handle
            } catch (BugCheckException e) {
                thrown.add(e);
            }
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE, Rule.USE_AFTER_DELETE);
        assertThat(thrown).singleElement().extracting(Throwable::getMessage).asString().contains("freed handle");
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related())).contains("a second time", "ignores it");
    }

    @Test
    void anItemNeitherDeletedNorReachedByItsParentIsALeakAtShutdown() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev).name("forgotten"));
        });
        assertThat(r.violations()).containsExactly(Rule.LEAKED_WORK_ITEM);
        assertThat(r.result().message()).isEqualTo("LeakedWorkItem: work item 'forgotten' (#4) was neither deleted "
                + "nor reached by its parent's deletion at shutdown (state: alive, idle)");
    }

    @Test
    void reachedByParentDeletionIsNotALeak() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
    }

    @Test
    void getParentReturnsExactlyTheParentGivenAtCreate() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfQueue q = dev.createQueue(QueueConfig.named("q"));
            WorkItem<Void> onDevice = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            WorkItem<Void> onQueue = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(q));
            assertThat(onDevice.parent()).isSameAs(dev);
            assertThat(onQueue.parent()).isSameAs(q);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
    }

    @Test
    void getParentAboveDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DIRQL);
            w.parent();
            rt.lowerIrql(Irql.PASSIVE);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    // FxWorkItem::FlushAndRundown waits unless called on m_WorkItemThread, which the later instance took
    @Test
    void deleteFromAnEarlierInstanceWhileALaterOneRunsHangs_FxWorkItemFlushAndRundown() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                if (item.instancesStarted() == 1) {
                    item.enqueue();
                    rt.work(1_000); // the second instance starts on the other worker
                    item.delete();
                }
                rt.work(5_000);
            }, false), ObjectAttributes.parent(dev).name("poll"));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related()))
                .startsWith("DeleteWaitsOnItself: the deletion of work item 'poll' (#4) on worker-")
                .contains("waits forever", "running down, 2 instances running");
    }

    @Test
    void deleteAboveDispatchIsAnIrqlViolationAndNotCarriedOut() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DIRQL);
            w.delete();
            rt.lowerIrql(Irql.PASSIVE);
            assertThat(w.isDeleted()).isFalse();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.result().message()).contains("WdfObjectDelete called at DIRQL", "maximum is DISPATCH");
    }
}
