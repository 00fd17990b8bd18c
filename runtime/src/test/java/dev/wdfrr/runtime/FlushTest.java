package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** wdf-semantics.md, "Flush". */
@Timeout(30)
class FlushTest {
    @Test
    void flushReturnsOnlyAfterTheQueuedCallbackHasRun() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(50_000)), ObjectAttributes.parent(dev));
            w.enqueue();
            w.flush();
            assertThat(rt.clock()).isEqualTo(50_000); // virtual time: the callback's work happened first
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.FLUSH_START, EventType.CALLBACK_START,
                EventType.CALLBACK_END, EventType.FLUSH_END);
        assertThat(r.of(EventType.FLUSH_END).get(0).arg()).isEqualTo(1);
    }

    @Test
    void flushWaitsOutRunningAndReEnqueuedInstances() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                rt.work(1_000);
                if (item.instancesStarted() < 3) {
                    item.enqueue();
                }
            }, false), ObjectAttributes.parent(dev));
            w.enqueue();
            rt.work(500); // the first instance is running now
            w.flush();
            assertThat(w.instancesStarted()).isEqualTo(3);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<EventType> types = r.types();
        assertThat(types.lastIndexOf(EventType.CALLBACK_END)).isLessThan(types.indexOf(EventType.FLUSH_END));
    }

    @Test
    void flushOfANeverEnqueuedItemReturnsAtOnce() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            w.flush();
            assertThat(rt.clock()).isZero();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(r.of(EventType.FLUSH_END)).singleElement().satisfies(e -> assertThat(e.arg()).isZero());
    }

    @Test
    void flushFromOwnCallbackIsAViolationAndReturns() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(WorkItem::flush), ObjectAttributes.parent(dev).name("selfish"));
            w.enqueue();
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.FLUSH_FROM_OWN_CALLBACK);
        assertThat(r.result().message()).contains("FlushFromOwnCallback", "work item 'selfish'", "lead to deadlock",
                "state: alive, 1 instance running");
        assertThat(r.result().failure()).isEqualTo(FailureKind.VIOLATION);
    }

    // FxWorkItem::WorkItemThunk: m_WorkItemThread is the later instance's worker, so FlushAndWait waits, itself included
    @Test
    void flushFromAnEarlierInstanceWhileALaterOneRunsHangs_FxWorkItemWorkItemThunk() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                if (item.instancesStarted() == 1) {
                    item.enqueue();
                    rt.work(1_000); // the second instance starts on the other worker meanwhile
                    item.flush();   // not detected as "own callback": it would wait on itself
                }
                rt.work(5_000);
            }, false), ObjectAttributes.parent(dev));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).containsPattern("worker-\\d waits for flush of work item");
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related())).contains("not the item's m_WorkItemThread",
                "a later instance took it on worker-", "hangs");
    }

    @Test
    void flushAtDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DISPATCH);
            w.flush();
            rt.lowerIrql(Irql.PASSIVE);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.result().message()).contains("WdfWorkItemFlush called at DISPATCH", "maximum is PASSIVE");
    }

    /**
     * Two overlapping instances of item 'later': the second calls {@code act} on its own item
     * once the first has returned, which cleared m_WorkItemThread.
     */
    private static Scenarios.Recorded laterInstanceAfterTheEarlierReturned(java.util.function.Consumer<WorkItem<Void>> act) {
        AtomicBoolean firstReturned = new AtomicBoolean();
        return Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                if (item.instancesStarted() == 1) {
                    item.enqueue();  // the second instance starts on the other worker
                    rt.work(5_000);
                    firstReturned.set(true);
                    return;
                }
                while (!firstReturned.get()) {
                    rt.work(1_000);
                }
                rt.work(1_000);      // the first instance has returned: m_WorkItemThread is NULL
                act.accept(item);    // not seen as its own callback: waits for itself
            }, false), ObjectAttributes.parent(dev).name("later"));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
    }

    // FxWorkItem::WorkItemThunk clears m_WorkItemThread after every instance: the earlier one's return clears the later one's
    @Test
    void aLaterInstanceFlushingItselfAfterAnEarlierOneReturnedHangs_FxWorkItemWorkItemThunk() {
        var r = laterInstanceAfterTheEarlierReturned(WorkItem::flush);
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related()))
                .contains("not the item's m_WorkItemThread (none: another instance cleared it when it returned)");
    }

    // FxWorkItem::WorkItemThunk sets m_WorkItemThread before WorkItemHandler takes the callback lock
    @Test
    void aSerializedFirstInstanceFlushingItselfWhileTheSecondWaitsForTheCallbackLockHangs_FxWorkItemWorkItemThunk() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                if (item.instancesStarted() == 1) {
                    item.enqueue();
                    while (item.instancesStarted() < 2) {
                        rt.work(1_000); // the second instance is dequeued and waits for the callback lock we hold
                    }
                    item.flush();
                }
            }), ObjectAttributes.parent(dev).name("serialized"));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).contains("waits for callback lock 'd.callback-lock'", "waits for flush of work item 'serialized'");
        assertThat(r.of(EventType.CALLBACK_WAIT)).hasSize(1);
    }

    // FxWorkItem::FlushAndRundown skips the wait only on m_WorkItemThread, which the earlier instance's return cleared
    @Test
    void aLaterInstanceDeletingItselfAfterAnEarlierOneReturnedHangs_FxWorkItemFlushAndRundown() {
        var r = laterInstanceAfterTheEarlierReturned(WorkItem::delete);
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).containsPattern("worker-\\d waits for the rundown of work item 'later'");
    }
}
