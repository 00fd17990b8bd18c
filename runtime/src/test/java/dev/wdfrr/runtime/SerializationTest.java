package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wdf-semantics.md, "Automatic serialization, synchronization scope, execution level". */
@Timeout(60)
class SerializationTest {
    /** The largest number of callbacks running at once in a run. */
    private static int maxOverlap(Scenarios.Recorded r) {
        int running = 0;
        int max = 0;
        for (Event e : r.events()) {
            if (e.type() == EventType.CALLBACK_START) {
                max = Math.max(max, ++running);
            } else if (e.type() == EventType.CALLBACK_END) {
                running--;
            }
        }
        return max;
    }

    private static Scenarios.Recorded twoItems(long seed, boolean serialized, WdfObjectFactory parents) {
        return Scenarios.run(RunConfig.builder().seed(seed), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE).executionLevel(ExecutionLevel.PASSIVE));
            List<WdfObject> ps = parents.make(rt, dev);
            for (WdfObject p : ps) {
                rt.createWorkItem(WorkItemConfig.init(i -> rt.work(3_000), serialized), ObjectAttributes.parent(p)).enqueue();
            }
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
    }

    interface WdfObjectFactory {
        List<WdfObject> make(WdfRuntime rt, WdfDevice dev);
    }

    @Test
    void automaticSerializationHoldsTheDeviceCallbackLockAroundEveryCallback() {
        for (long seed = 1; seed <= 20; seed++) {
            var r = twoItems(seed, true, (rt, dev) -> List.of(dev, dev));
            assertThat(r.result().passed()).as(r.result().summary()).isTrue();
            assertThat(maxOverlap(r)).as("seed %d", seed).isEqualTo(1);
            assertThat(r.of(EventType.LOCK_ACQUIRE)).extracting(Event::arg).containsOnly((long) LockKind.CALLBACK.id());
        }
    }

    @Test
    void withoutTheFlagCallbacksOfTheSameDeviceOverlap() {
        var r = twoItems(1, false, (rt, dev) -> List.of(dev, dev));
        assertThat(maxOverlap(r)).isEqualTo(2);
        assertThat(r.of(EventType.LOCK_ACQUIRE)).isEmpty();
    }

    @Test
    void queueScopeSerializesPerQueueNotAcrossQueues() {
        var sameQueue = twoItems(1, true, (rt, dev) -> {
            WdfQueue q = dev.createQueue(QueueConfig.named("q").syncScope(SyncScope.QUEUE).executionLevel(ExecutionLevel.PASSIVE));
            return List.of(q, q);
        });
        assertThat(maxOverlap(sameQueue)).isEqualTo(1);
        var twoQueues = twoItems(1, true, (rt, dev) -> List.of(
                dev.createQueue(QueueConfig.named("q1").syncScope(SyncScope.QUEUE).executionLevel(ExecutionLevel.PASSIVE)),
                dev.createQueue(QueueConfig.named("q2").syncScope(SyncScope.QUEUE).executionLevel(ExecutionLevel.PASSIVE))));
        assertThat(maxOverlap(twoQueues)).isEqualTo(2);
    }

    @Test
    void aQueueInheritingDeviceScopeSharesTheDeviceLock() {
        var r = twoItems(1, true, (rt, dev) -> List.of(dev, dev.createQueue(QueueConfig.named("q"))));
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(maxOverlap(r)).isEqualTo(1);
    }

    @Test
    void theIsrNeverTakesTheCallbackLock() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE).executionLevel(ExecutionLevel.PASSIVE));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(20_000)), ObjectAttributes.parent(dev));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Scripted(new long[]{5_000}),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).maxArrivals(1));
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                hw.write(VirtualDevice.STATUS, 0);
                return true;
            }));
            w.enqueue();
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        // the ISR ran at 5us while the serialized callback (holding the callback lock) ran from 0 to 20us
        Event isr = r.of(EventType.ISR_START).get(0);
        Event end = r.of(EventType.CALLBACK_END).get(0);
        assertThat(isr.seq()).isLessThan(end.seq());
    }
}
