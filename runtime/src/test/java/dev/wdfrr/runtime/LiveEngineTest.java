package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class LiveEngineTest {
    private static RunConfig.Builder live() {
        return RunConfig.builder().engine(EngineKind.LIVE).workers(2).cpus(2).durationNanos(30_000_000_000L);
    }

    @Test
    void twoWorkersAHundredThousandEnqueuesWithInterruptsAccountExactly() {
        int enqueues = 100_000;
        CountDownLatch aDpcRan = new CountDownLatch(1);
        var r = Scenarios.run(live(), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> a = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("a"));
            WorkItem<Void> b = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("b"));
            WorkItem<Void> fromDpc = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("dpc"));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(20_000),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).untilNanos(30_000_000_000L));
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                hw.write(VirtualDevice.STATUS, 0);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> {
                fromDpc.enqueue();
                aDpcRan.countDown();
            }));
            hw.start();
            for (int i = 0; i < enqueues; i++) {
                (i % 2 == 0 ? a : b).enqueue();
            }
            // On a loaded machine the enqueues can all finish before the first interrupt: the
            // interrupt path must have run at least once before the device stops.
            assertThat(aDpcRan.await(30, TimeUnit.SECONDS)).as("an interrupt reached its DPC").isTrue();
            hw.stop();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        Map<Integer, long[]> perItem = new HashMap<>(); // queued, coalesced, starts, ends
        List<Event> events = r.events();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            assertThat(e.seq()).isEqualTo(i);
            long[] c = perItem.computeIfAbsent(e.object(), k -> new long[4]);
            switch (e.type()) {
                case ENQUEUE -> c[e.arg() == 1 ? 0 : 1]++;
                case CALLBACK_START -> c[2]++;
                case CALLBACK_END -> c[3]++;
                default -> { }
            }
        }
        long total = 0;
        for (long[] c : perItem.values()) {
            assertThat(c[2]).isEqualTo(c[0]); // each queued enqueue: exactly one start
            assertThat(c[3]).isEqualTo(c[0]); // and one end; coalesced ones none
            total += c[0] + c[1];
        }
        assertThat(total).isGreaterThanOrEqualTo(enqueues);
        assertThat(r.of(EventType.ISR_START)).isNotEmpty();
    }

    @Test
    void liveDeadlockIsDetectedAndReported() {
        var r = Scenarios.run(live(), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WaitLock lock = rt.createWaitLock(dev, "l");
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> {
                lock.acquire();
                lock.release();
            }), ObjectAttributes.parent(dev).name("blocked"));
            lock.acquire();
            w.enqueue();
            w.flush();
        });
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).contains("main waits for flush of work item 'blocked'", "waits for wait lock 'l'");
    }

    @Test
    void workTakesRealTime() {
        long[] elapsed = {0};
        var r = Scenarios.run(live(), rt -> {
            long t0 = rt.clock();
            rt.work(2_000_000);
            elapsed[0] = rt.clock() - t0;
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(elapsed[0]).isGreaterThanOrEqualTo(2_000_000);
    }
}
