package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.KernelEvent;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/shared-state.md, "Kernel events": KeSetEvent, KeClearEvent/KeResetEvent, KeWaitForSingleObject. */
@Timeout(60)
class KernelEventTest {
    @Test
    void aNotificationSetWakesEveryWaiterAndStaysSignaled_KeSetEvent() {
        List<String> woke = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            KernelEvent stop = rt.createEvent("stop", KernelEvent.Type.NOTIFICATION, false);
            for (int i = 0; i < 3; i++) {
                int n = i;
                rt.startThread("waiter-" + i, () -> {
                    stop.await();
                    woke.add("waiter-" + n);
                });
            }
            rt.work(1_000);
            assertThat(stop.set()).isFalse();
            rt.awaitQuiescent();
            assertThat(stop.await(0)).as("still signaled").isTrue();
            assertThat(stop.reset()).isTrue();
            assertThat(stop.await(0)).isFalse();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(woke).hasSize(3);
        Event set = r.of(EventType.KEVENT_SET).get(0);
        assertThat(set.arg() >>> 1).as("waits it satisfied").isEqualTo(3);
        assertThat(r.of(EventType.KEVENT_WAKE)).extracting(Event::related).startsWith(1, 1, 1);
    }

    @Test
    void aSynchronizationSetSatisfiesTheLongestWaiterOnlyAndALaterWaitCannotTakeIt() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            KernelEvent go = rt.createEvent("go", KernelEvent.Type.SYNCHRONIZATION, false);
            rt.startThread("first", () -> {
                go.await();
                order.add("first");
            });
            rt.work(100);
            rt.startThread("second", () -> {
                go.await();
                order.add("second");
            });
            rt.work(100);
            go.set();
            assertThat(go.await(0)).as("the signal went to a waiter, not to the event").isFalse();
            rt.work(100);
            go.set();
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void aSynchronizationEventSetWithoutWaitersStaysSignaledForOneWait() {
        var r = Scenarios.run(rt -> {
            KernelEvent e = rt.createEvent("e", KernelEvent.Type.SYNCHRONIZATION, false);
            e.set();
            assertThat(e.await(0)).isTrue();
            assertThat(e.await(0)).as("consumed by the first wait").isFalse();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.KEVENT_SET, EventType.KEVENT_WAIT, EventType.KEVENT_WAKE,
                EventType.KEVENT_WAIT, EventType.KEVENT_TIMEOUT);
    }

    @Test
    void aWaitTimesOutInVirtualTime_KeWaitForSingleObject() {
        long[] at = {0};
        var r = Scenarios.run(rt -> {
            KernelEvent e = rt.createEvent("never", KernelEvent.Type.NOTIFICATION, false);
            assertThat(e.await(50_000)).isFalse();
            at[0] = rt.clock();
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(at[0]).isEqualTo(50_000);
        assertThat(r.of(EventType.KEVENT_TIMEOUT)).hasSize(1);
    }

    @Test
    void aWaitAtDispatchWithATimeoutIsAnIrqlViolationButAZeroTimeoutIsAllowed() {
        var r = Scenarios.run(rt -> {
            KernelEvent e = rt.createEvent("e", KernelEvent.Type.NOTIFICATION, true);
            Irql old = rt.raiseIrql(Irql.DISPATCH);
            assertThat(e.await(0)).isTrue();
            assertThat(e.await(1_000)).isFalse(); // not carried out
            rt.lowerIrql(old);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related())).contains("KeWaitForSingleObject", "DISPATCH");
    }

    @Test
    void aSetFromAnIsrIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            KernelEvent e = rt.createEvent("e", KernelEvent.Type.NOTIFICATION, false);
            WdfDevice d = rt.createDevice(DeviceConfig.named("d"));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(1_000),
                    (h, i) -> h.write(VirtualDevice.STATUS, 1)).maxArrivals(1));
            d.createInterrupt(InterruptConfig.of("int", hw, in -> {
                hw.write(VirtualDevice.STATUS, 0);
                e.set();
                return true;
            }));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(d);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    @Test
    void aThreadWaitingOnAnEventNothingCanSetIsNamedInTheDeadlockReport() {
        for (long seed = 1; seed <= 5; seed++) {
            var r = Scenarios.run(RunConfig.builder().strategy(new RandomStrategy(seed)), rt -> {
                KernelEvent stopped = rt.createEvent("io-stopped", KernelEvent.Type.NOTIFICATION, false);
                KernelEvent never = rt.createEvent("never-set", KernelEvent.Type.SYNCHRONIZATION, false);
                rt.startThread("io", never::await);
                stopped.await();
            });
            assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
            assertThat(r.result().message()).contains("main waits for notification event 'io-stopped'",
                    "io waits for synchronization event 'never-set'");
        }
    }

    @Test
    void theLiveEngineWakesAWaiter() {
        var r = Scenarios.run(RunConfig.builder().engine(EngineKind.LIVE), rt -> {
            KernelEvent done = rt.createEvent("done", KernelEvent.Type.NOTIFICATION, false);
            rt.startThread("setter", () -> {
                rt.work(1_000);
                done.set();
            });
            assertThat(done.await(5_000_000_000L)).isTrue();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }
}
