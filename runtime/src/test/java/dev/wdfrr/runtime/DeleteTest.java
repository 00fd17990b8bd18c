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
            dev.delete();
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
            dev.delete();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("callback", "cleanup", "returned");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.QUEUED);
    }

    @Test
    void deleteFromItsOwnCallbackReturnsAtOnceAndCleansUpAfterReturn() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int[] id = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                item.delete();
                calls.add("delete returned");
                rt.work(1_000);
                calls.add("callback returns");
            }), ObjectAttributes.parent(dev).cleanup(o -> calls.add("cleanup")).destroy(o -> calls.add("destroy")));
            id[0] = w.id();
            w.enqueue();
            rt.awaitQuiescent();
            dev.delete();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("delete returned", "callback returns", "cleanup", "destroy");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.RUNNING_OWN_CALLBACK);
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
            dev.delete();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).containsExactly("callback returns", "cleanup", "delete returned at 10000");
        assertThat(DeleteState.ofArg(deleteArg(r, id[0]))).isEqualTo(DeleteState.RUNNING_OTHER_THREAD);
    }

    @Test
    void deleteAtDispatchIsDeferredToAPassiveWorkerAndReturnsAtOnce() {
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
            dev.delete();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo("returned");
        assertThat(calls.get(1)).matches("cleanup on worker-\\d at PASSIVE");
        assertThat(deleteArg(r, id[0]) & DeleteState.DEFERRED_FLAG).isNotZero();
    }

    @Test
    void everyCallOnADeletedItemIsAUseAfterDeleteViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(1_000)), ObjectAttributes.parent(dev));
            w.enqueue();
            rt.raiseIrql(Irql.DISPATCH);
            w.delete();      // deferred: the handle is dead but not freed
            w.parent();
            w.context();
            w.delete();
            rt.lowerIrql(Irql.PASSIVE);
            w.flush();
            rt.awaitQuiescent();
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE, Rule.USE_AFTER_DELETE,
                Rule.USE_AFTER_DELETE, Rule.USE_AFTER_DELETE);
    }

    @Test
    void parentDeletionWaitsForRunningInstancesThenCleansUpChildrenThenParent() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("dev")
                    .cleanup(o -> calls.add("cleanup dev")).destroy(o -> calls.add("destroy dev")));
            for (String n : List.of("a", "b")) {
                WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> {
                    rt.work(5_000);
                    calls.add("callback " + n + " returns");
                }, false), ObjectAttributes.parent(dev).name(n)
                        .cleanup(o -> calls.add("cleanup " + n)).destroy(o -> calls.add("destroy " + n)));
                w.enqueue();
            }
            rt.work(1_000); // both callbacks are running
            dev.delete();
            calls.add("delete returned");
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("callback a returns", "callback b returns");
        assertThat(calls.subList(2, calls.size())).containsExactly("cleanup a", "cleanup b", "destroy a", "destroy b",
                "cleanup dev", "destroy dev", "delete returned");
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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    @Test
    void deleteFromAnEarlierInstanceWhileALaterOneRunsWaitsOnItself() {
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().message()).startsWith("DeleteWaitsOnItself: WdfObjectDelete of work item 'poll' (#4) from its instance on worker-")
                .contains("would wait on itself", "state: deleted, 2 instances running");
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.result().message()).contains("WdfObjectDelete called at DIRQL", "maximum is DISPATCH");
    }
}
