package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wdf-semantics.md, "Locks", and the IRQL table for lock calls. */
@Timeout(30)
class LockTest {
    @Test
    void spinLockRaisesToDispatchWhileHeldAndRestoresOnRelease() {
        List<Irql> seen = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            SpinLock l = rt.createSpinLock(null, "l");
            l.acquire();
            seen.add(rt.currentIrql());
            l.release();
            seen.add(rt.currentIrql());
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(seen).containsExactly(Irql.DISPATCH, Irql.PASSIVE);
    }

    @Test
    void spinLockExcludesOtherThreads() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            SpinLock l = rt.createSpinLock(null, "l");
            rt.startThread("other", () -> {
                rt.work(1_000);
                l.acquire();
                order.add("other acquired at " + rt.clock());
                l.release();
            });
            l.acquire();
            rt.work(10_000);
            order.add("main releases at " + rt.clock());
            l.release();
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(order).containsExactly("main releases at 10000", "other acquired at 10000");
    }

    @Test
    void recursiveSpinLockAcquireIsAViolation() {
        var r = Scenarios.run(rt -> {
            SpinLock l = rt.createSpinLock(null, "l");
            l.acquire();
            l.acquire();
            l.release();
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_SPINLOCK);
        assertThat(r.result().message()).contains("already held by main", "must alternate");
    }

    @Test
    void releasingALockNotHeldIsAViolation() {
        var r = Scenarios.run(rt -> {
            rt.createSpinLock(null, "s").release();
            rt.createWaitLock(null, "w").release();
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_SPINLOCK, Rule.WDF_WAITLOCK);
    }

    @Test
    void spinLockAcquireAboveDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            SpinLock l = rt.createSpinLock(null, "l");
            rt.raiseIrql(Irql.DIRQL);
            l.acquire();
            rt.lowerIrql(Irql.PASSIVE);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    @Test
    void locksStillHeldWhenACallbackReturnsAreViolationsOfTheirKind() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            SpinLock s = rt.createSpinLock(dev, "s");
            WaitLock w = rt.createWaitLock(dev, "w");
            WorkItem<Void> item = rt.createWorkItem(WorkItemConfig.init(i -> {
                w.acquire();
                s.acquire();
            }), ObjectAttributes.parent(dev).name("leaky"));
            item.enqueue();
            item.flush();
            dev.delete();
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_SPINLOCK, Rule.WDF_WAITLOCK);
        assertThat(r.result().message()).isEqualTo("WdfSpinlock: spin lock 's' (#4) still held when the callback of "
                + "work item 'leaky' (#6) returned on " + r.sink().nameOf(NameKind.THREAD, r.of(EventType.CALLBACK_START).get(0).thread())
                + " (released by the runtime so the run can go on)");
    }

    @Test
    void waitLockTimesOutWhenHeldAndZeroTimeoutOnlyTries() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WaitLock l = rt.createWaitLock(null, "l");
            rt.startThread("holder", () -> {
                l.acquire();
                rt.work(50_000);
                l.release();
            });
            rt.work(1_000);
            seen.add("try: " + l.acquire(0) + " at " + rt.clock());
            seen.add("timed: " + l.acquire(10_000) + " at " + rt.clock());
            seen.add("forever: " + l.acquire(-1) + " at " + rt.clock());
            l.release();
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("try: false at 1000", "timed: false at 11000", "forever: true at 50000");
        assertThat(r.of(EventType.LOCK_TIMEOUT)).hasSize(2);
    }

    @Test
    void waitLockAcquireAtDispatchIsAViolationButAZeroTimeoutTryIsAllowedBelowDispatch() {
        var r = Scenarios.run(rt -> {
            WaitLock l = rt.createWaitLock(null, "l");
            rt.raiseIrql(Irql.APC);
            assertThat(l.acquire(0)).isTrue();
            l.release();
            rt.raiseIrql(Irql.DISPATCH);
            assertThat(l.acquire(0)).isFalse();
            rt.lowerIrql(Irql.PASSIVE);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }
}
