package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.FLUSH_FROM_OWN_CALLBACK);
        assertThat(r.result().message()).contains("FlushFromOwnCallback", "work item 'selfish'", "lead to deadlock",
                "state: alive, 1 instance running");
        assertThat(r.result().failure()).isEqualTo(FailureKind.VIOLATION);
    }

    @Test
    void flushFromAnEarlierInstanceWhileALaterOneRunsWaitsOnItself() {
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
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().message()).contains("would wait on itself", "a later instance started on");
    }

    @Test
    void flushAtDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DISPATCH);
            w.flush();
            rt.lowerIrql(Irql.PASSIVE);
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.result().message()).contains("WdfWorkItemFlush called at DISPATCH", "maximum is PASSIVE");
    }
}
