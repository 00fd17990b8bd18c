package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SyncScope;
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
    void recursiveSpinLockAcquireIsReportedAndHangsAsTheRealOneSpinsForever() {
        var r = Scenarios.run(rt -> {
            SpinLock l = rt.createSpinLock(null, "l");
            l.acquire();
            l.acquire();
            l.release();
        });
        assertThat(r.violations()).containsExactly(Rule.WDF_SPINLOCK);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.result().message()).contains("main waits for spin lock 'l'", "held by main");
        assertThat(r.text((int) r.of(EventType.VIOLATION).get(0).related())).contains("already held by main", "spins forever");
    }

    @Test
    void recursiveWaitLockAcquireWithATimeoutTimesOutAsTheRealWaitDoes() {
        List<Boolean> got = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WaitLock l = rt.createWaitLock(null, "l");
            l.acquire();
            got.add(l.acquire(1_000));
            l.release();
        });
        assertThat(got).containsExactly(false);
        assertThat(r.violations()).containsExactly(Rule.WDF_WAITLOCK);
        assertThat(r.of(EventType.LOCK_TIMEOUT)).hasSize(1);
    }

    // FxSpinLock::ReleaseLock: a release by a thread that does not own it is FxVerifierBugCheck(WDF_INVALID_LOCK_OPERATION)
    @Test
    void aSpinLockReleasedByANonOwnerIsTheFrameworksBugCheck_FxSpinLockReleaseLock() {
        List<Throwable> thrown = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            SpinLock s = rt.createSpinLock(null, "s");
            try {
                s.release();
            } catch (BugCheckException e) {
                thrown.add(e);
            }
            rt.createWaitLock(null, "w").release();
        });
        assertThat(thrown).singleElement().extracting(Throwable::getMessage).asString()
                .contains("0x10D", "WDF_INVALID_LOCK_OPERATION (0xB)");
        assertThat(r.violations()).containsExactly(Rule.INVALID_LOCK_OPERATION, Rule.WDF_WAITLOCK);
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
    void locksStillHeldWhenACallbackReturnsAreReportedAndReleased() {
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
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.LOCK_HELD_AT_RETURN, Rule.LOCK_HELD_AT_RETURN);
        assertThat(r.result().message()).isEqualTo("LockHeldAtReturn: spin lock 's' (#4) still held when the callback of "
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

    // WdfObjectAcquireLock takes the device's callback lock: the one automatic serialization holds around callbacks
    @Test
    void theDeviceLockExcludesTheDevicesSerializedCallbacks_WdfObjectAcquireLock() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> seen.add("callback at " + rt.clock())),
                    ObjectAttributes.parent(dev));
            dev.acquireLock();
            w.enqueue();
            rt.work(5_000);
            seen.add("release at " + rt.clock());
            dev.releaseLock();
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("release at 5000", "callback at 5000");
        assertThat(r.of(EventType.CALLBACK_WAIT)).hasSize(1);
    }

    // FxCallbackMutexLock::Lock: the owner acquiring again is FxVerifierBugCheck(WDF_RECURSIVE_LOCK)
    @Test
    void theDeviceLockAcquiredInsideACallbackItSerializesIsTheFrameworksBugCheck_FxCallbackMutexLockLock() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> {
                try {
                    dev.acquireLock(); // already held around this very callback
                } catch (BugCheckException e) {
                    seen.add(e.getMessage());
                }
            }), ObjectAttributes.parent(dev));
            w.enqueue();
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.RECURSIVE_LOCK);
        assertThat(seen).singleElement().asString().contains("callback lock 'd.callback-lock'", "0x10D",
                "WDF_RECURSIVE_LOCK (0x2)");
    }
}
