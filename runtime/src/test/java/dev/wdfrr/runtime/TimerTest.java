package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDpc;
import dev.wdfrr.runtime.wdf.WdfTimer;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** timers-and-dpcs.md, "Timers": one test per rule, named after the framework function it follows. */
@Timeout(30)
class TimerTest {
    static final long MS = 1_000_000L;

    static WdfTimer timer(WdfRuntime rt, WdfDevice dev, TimerConfig config) {
        return rt.createTimer(config, ObjectAttributes.parent(dev).name("t"));
    }

    static List<Event> callbackStarts(Scenarios.Recorded r, CallbackKind kind) {
        List<Event> out = new ArrayList<>();
        for (Event e : r.of(EventType.EVT_CALLBACK_START)) {
            if (e.related() == kind.id()) {
                out.add(e);
            }
        }
        return out;
    }

    static String threadOf(Scenarios.Recorded r, Event e) {
        return r.sink().nameOf(NameKind.THREAD, e.thread());
    }

    // [T1] WdfTimerCreate: FxValidateObjectAttributesForParentHandle(PARENT_REQUIRED)
    @Test
    void timerWithoutParentIsParentNotSpecified_WdfTimerCreate() {
        var r = Scenarios.run(rt -> {
            assertThatThrownBy(() -> rt.createTimer(TimerConfig.oneShot(t -> { }), ObjectAttributes.none()))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_PARENT_NOT_SPECIFIED));
            assertThatThrownBy(() -> rt.createTimer(TimerConfig.oneShot(t -> { }), ObjectAttributes.parent(rt.driver())))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST));
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [T2] WdfTimerCreate
    @Test
    void periodicPassiveTimerIsNotSupported_WdfTimerCreate() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            assertThatThrownBy(() -> rt.createTimer(TimerConfig.periodic(t -> { }, 10 * MS),
                    ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE)))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.NOT_SUPPORTED));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [T2] WdfTimerCreate
    @Test
    void toleranceWithHighResolutionIsInvalid_WdfTimerCreate() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            assertThatThrownBy(() -> timer(rt, dev, TimerConfig.oneShot(t -> { }).tolerableDelay(MS).highResolution(true)))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_PARAMETER));
            assertThatThrownBy(() -> timer(rt, dev, TimerConfig.periodic(t -> { }, 1500)))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_PARAMETER));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [T3] FxTimer::Initialize: only the timer's own attributes make it passive
    @Test
    void inheritedLevelUnderPassiveParentGivesDispatchTimer_FxTimerInitialize() {
        AtomicReference<Irql> seen = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").executionLevel(ExecutionLevel.PASSIVE));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> seen.set(rt.currentIrql())).highResolution(true));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen.get()).isEqualTo(Irql.DISPATCH);
        assertThat(threadOf(r, callbackStarts(r, CallbackKind.EVT_TIMER_FUNC).get(0))).startsWith("cpu-");
    }

    // [T4] FxObject::_GetEffectiveLock
    @Test
    void passiveTimerUnderDispatchScopeIsIncompatible_FxObjectGetEffectiveLock() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE));
            assertThatThrownBy(() -> rt.createTimer(TimerConfig.oneShot(t -> { }),
                    ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE)))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL));
            WdfDevice passiveDev = rt.createDevice(DeviceConfig.named("p").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            assertThatThrownBy(() -> timer(rt, passiveDev, TimerConfig.oneShot(t -> { })))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL));
            rt.removeDevice(dev);
            rt.removeDevice(passiveDev);
        });
        assertThat(r.violations()).containsExactly(Rule.INCOMPATIBLE_EXECUTION_LEVEL, Rule.INCOMPATIBLE_EXECUTION_LEVEL);
    }

    // [T4] FxObject::_GetEffectiveLock: scope None takes no lock and checks nothing
    @Test
    void scopeNoneChecksNothing_FxObjectGetEffectiveLock() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            rt.createTimer(TimerConfig.oneShot(t -> { }), ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE));
            timer(rt, dev, TimerConfig.oneShot(t -> { }));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
    }

    // [T5] FxTimer::TimerHandler from FxTimer::_FxTimerDpcThunk
    @Test
    void dispatchTimerRunsInDpcUnderSpinCallbackLock_FxTimerTimerHandler() {
        AtomicReference<Irql> seen = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> seen.set(rt.currentIrql())).highResolution(true));
            t.start(2 * MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen.get()).isEqualTo(Irql.DISPATCH);
        Event start = callbackStarts(r, CallbackKind.EVT_TIMER_FUNC).get(0);
        assertThat(threadOf(r, start)).startsWith("cpu-");
        assertThat(start.time()).isEqualTo(2 * MS); // high resolution: exactly at due
        assertThat(r.types()).containsSubsequence(EventType.TIMER_START, EventType.TIMER_FIRE, EventType.LOCK_ACQUIRE,
                EventType.EVT_CALLBACK_START, EventType.LOCK_RELEASE, EventType.EVT_CALLBACK_END);
    }

    // [T6] FxSystemWorkItem::TryToEnqueue: an expiry while the work item still waits is merged
    @Test
    void passiveTimerExpiryWhileItsWorkItemWaitsIsMerged_FxSystemWorkItemTryToEnqueue() {
        List<Irql> levels = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().workers(1).strategy(new Prefer("main", "clock")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> hog = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(10 * MS)), ObjectAttributes.parent(dev));
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> levels.add(rt.currentIrql())).highResolution(true),
                    ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE));
            hog.enqueue();
            rt.work(MS); // the only worker is busy for 10 ms
            t.start(MS);
            rt.work(2 * MS);
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.TIMER_FIRE)).extracting(Event::arg).containsExactly(1L, 0L);
        assertThat(levels).containsExactly(Irql.PASSIVE);
    }

    // [T7] FxTimer::TimerHandler: nothing keeps two instances apart but the callback lock
    @Test
    void periodicCallbacksOverlapAcrossCpusWithoutSerialization_FxTimerTimerHandler() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main").choosing(0, 1)), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE));
            WdfTimer t = timer(rt, dev, TimerConfig.periodic(x -> rt.work(3 * MS), 2 * MS).highResolution(true)
                    .automaticSerialization(false));
            t.start(2 * MS);
            rt.work(5 * MS);
            t.stop(true);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> starts = callbackStarts(r, CallbackKind.EVT_TIMER_FUNC);
        assertThat(starts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(threadOf(r, starts.get(0))).isEqualTo("cpu-0");
        assertThat(threadOf(r, starts.get(1))).isEqualTo("cpu-1");
        long firstEnd = r.of(EventType.EVT_CALLBACK_END).get(0).time();
        assertThat(starts.get(1).time()).isLessThan(firstEnd); // the second began while the first ran
    }

    // [T8] FxTimer::Start → MxTimer::StartWithReturn
    @Test
    void startReturnsTrueWhenAlreadyQueued_FxTimerStart() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> { }).highResolution(true));
            results.add(t.start(5 * MS));
            results.add(t.start(7 * MS));
            rt.awaitQuiescent();
            results.add(t.start(MS));
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(results).containsExactly(false, true, false);
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).extracting(Event::time).containsExactly(7 * MS, 8 * MS);
    }

    // [T8] FxTimer::Start: a one-shot watchdog re-arms itself from its callback
    @Test
    void restartFromOwnCallbackRearms_FxTimerStart() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            int[] n = {0};
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> {
                if (++n[0] < 3) {
                    x.start(MS);
                }
            }).highResolution(true));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).extracting(Event::time).containsExactly(MS, 2 * MS, 3 * MS);
    }

    // [T9] FxTimer::Start: m_StopThread set → ignored, m_StartAborted
    @Test
    void startDuringWaitingStopIsIgnoredAndStopReturnsTrue_FxTimerStart() {
        AtomicReference<Boolean> stopped = new AtomicReference<>();
        AtomicReference<Boolean> started = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main", "stopper")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> rt.work(MS)).highResolution(true));
            t.start(0);
            rt.work(100_000); // the callback runs now, for 1 ms
            rt.startThread("stopper", () -> stopped.set(t.stop(true)));
            rt.work(100_000); // the stopper waits for the callback's DPC
            started.set(t.start(MS));
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(started.get()).isFalse();
        assertThat(stopped.get()).isTrue();
        assertThat(r.of(EventType.TIMER_START)).extracting(Event::related).containsExactly(0, 2);
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(1);
    }

    // [T10] FxTimer::Start: m_RunningDown
    @Test
    void startAfterDeleteBeganIsRefused_FxTimerStart() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> {
                rt.work(MS); // meanwhile main deletes the timer and waits for this callback
                x.start(MS);
            }).highResolution(true));
            t.start(0);
            rt.work(100_000);
            t.delete();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE);
        assertThat(r.result().message()).contains("WdfTimerStart", "will lead to a crash");
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(1);
    }

    // [T11] MxTimer::StartWithReturn: an expiry inside [due, due + tick + tolerable delay], chosen and traced
    @Test
    void expiryFallsInsideToleranceWindowAndIsReplayed_MxTimerStartWithReturn() {
        long due = 5 * MS;
        long window = due + 15_625_000L + 2 * MS;
        List<Long> fired = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            var config = RunConfig.builder().seed(1).strategy(new dev.wdfrr.runtime.engine.RandomStrategy(seed));
            Scenarios.Body body = rt -> {
                WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
                timer(rt, dev, TimerConfig.oneShot(x -> { }).tolerableDelay(2 * MS)).start(due);
                rt.awaitQuiescent();
                rt.removeDevice(dev);
            };
            var r = Scenarios.run(config, body);
            var again = Scenarios.run(RunConfig.builder().seed(1).strategy(new dev.wdfrr.runtime.engine.RandomStrategy(seed)), body);
            long at = r.of(EventType.TIMER_FIRE).get(0).time();
            assertThat(at).isBetween(due, window);
            Event chosen = r.of(EventType.SCHEDULE).get(0);
            assertThat(chosen.related()).isEqualTo(1); // a time
            assertThat(chosen.arg()).isEqualTo(at);
            assertThat(again.of(EventType.TIMER_FIRE).get(0).time()).isEqualTo(at); // same schedule, same instant
            fired.add(at);
        }
        assertThat(fired).doesNotHaveDuplicates(); // the strategy, not a constant, decides
    }

    // [T12] FxTimer::Stop(FALSE) → MxTimer::Stop: no wait
    @Test
    void stopWithoutWaitLeavesRunningCallback_FxTimerStop() {
        AtomicReference<Boolean> result = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            int[] n = {0};
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> {
                rt.work(MS);
                if (++n[0] == 1) {
                    x.start(MS); // re-armed after main's stop: it fires again
                }
            }).highResolution(true));
            t.start(0);
            rt.work(100_000);
            result.set(t.stop(false));
            long at = rt.clock();
            assertThat(at).isEqualTo(100_000); // did not wait
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(result.get()).isFalse(); // the one-shot had expired: not in the timer queue
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(2);
    }

    // [T13] FxTimer::Stop(TRUE): KeFlushQueuedDpcs waits for every DPC queued at the call
    @Test
    void waitingStopFlushesEveryQueuedDpc_FxTimerStop() {
        var r = Scenarios.run(RunConfig.builder().cpus(1).strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc other = rt.createDpc(DpcConfig.init(d -> rt.work(3 * MS)), ObjectAttributes.parent(dev).name("other"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> { }).highResolution(true));
            t.start(10 * MS);
            other.enqueue();
            assertThat(t.stop(true)).isTrue();
            assertThat(rt.clock()).isEqualTo(3 * MS); // it waited for the other DPC too
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.FLUSH_START, EventType.EVT_CALLBACK_START,
                EventType.EVT_CALLBACK_END, EventType.FLUSH_END, EventType.TIMER_STOP);
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).isEmpty();
    }

    // [T13] FxTimer::Start during FxTimer::Stop(TRUE): the callback's own re-arm is refused
    @Test
    void rearmFromCallbackDuringWaitingStopIsRefused_FxTimerStart() {
        AtomicReference<Boolean> rearmed = new AtomicReference<>();
        AtomicReference<Boolean> stopped = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main", "stopper")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> {
                rt.work(MS); // the stop begins meanwhile
                rearmed.set(x.start(MS));
            }).highResolution(true));
            t.start(0);
            rt.work(100_000);
            rt.startThread("stopper", () -> stopped.set(t.stop(true)));
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(rearmed.get()).isFalse();
        assertThat(stopped.get()).isTrue();
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(1);
    }

    // [T14] WdfTimerStop: FxVerifierCheckIrqlLevel(PASSIVE) before FxTimer::Stop
    @Test
    void waitingStopAtDispatchIsReportedAndDoesNotStop_WdfTimerStop() {
        AtomicReference<Boolean> result = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.periodic(x -> { }, 2 * MS).highResolution(true));
            t.start(2 * MS);
            rt.raiseIrql(Irql.DISPATCH);
            result.set(t.stop(true));
            rt.lowerIrql(Irql.PASSIVE);
            rt.work(5 * MS);
            t.stop(true);
            rt.removeDevice(dev);
        });
        assertThat(result.get()).isFalse();
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSizeGreaterThanOrEqualTo(2); // still armed
        assertThat(r.of(EventType.TIMER_STOP).get(0).arg()).isEqualTo(1 | 4);
    }

    // [T15] FxTimer::Stop: m_CallbackThread == current thread
    @Test
    void waitingStopFromOwnCallbackReturnsFalseAndTimerKeepsFiring_FxTimerStop() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            int[] n = {0};
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> {
                if (++n[0] == 1) {
                    x.start(MS);
                    results.add(x.stop(true)); // refused: the timer stays armed
                }
            }).highResolution(true), ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(results).containsExactly(false);
        assertThat(r.violations()).containsExactly(Rule.TIMER_STOP_FROM_OWN_CALLBACK);
        assertThat(r.result().message()).contains("will lead to deadlock");
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(2);
    }

    // [T16] FxTimer::Stop: m_StopThread != NULL (KMDF 1.9+ verifier)
    @Test
    void twoWaitingStopsAreReported_FxTimerStop() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main", "stopper")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> rt.work(MS)).highResolution(true));
            t.start(0);
            rt.work(100_000);
            rt.startThread("stopper", () -> results.add(t.stop(true)));
            rt.work(100_000);
            results.add(t.stop(true));
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.CONCURRENT_TIMER_STOP);
        assertThat(results).hasSize(2); // both proceed
        assertThat(r.result().message()).contains("multiple calls to WdfTimerStop");
    }

    // [T17] FxTimer::Dispose → FlushAndRundown → Stop(TRUE)
    @Test
    void deleteWaitsForRunningCallback_FxTimerDispose() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.periodic(x -> rt.work(2 * MS), 10 * MS).highResolution(true));
            t.start(0);
            rt.work(100_000);
            t.delete();
            assertThat(rt.clock()).isEqualTo(2 * MS);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.DELETE, EventType.EVT_CALLBACK_END, EventType.CLEANUP,
                EventType.DESTROY);
        assertThat(callbackStarts(r, CallbackKind.EVT_TIMER_FUNC)).hasSize(1); // disarmed by the delete
    }

    // [T17] MarkPassiveDispose: a delete at DISPATCH is handed to a passive worker
    @Test
    void deleteAtDispatchFromOwnCallbackIsDeferred_FxTimerDispose() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = timer(rt, dev, TimerConfig.oneShot(x -> x.delete()).highResolution(true));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(r.types()).containsSubsequence(EventType.DELETE, EventType.EVT_CALLBACK_END, EventType.DISPOSE_START,
                EventType.DESTROY, EventType.DISPOSE_END);
    }

    // [T18] FxTimer::FlushAndRundown: a passive timer deleted from its own callback waits for itself
    @Test
    void passiveTimerDeletedFromOwnCallbackDeadlocks_FxTimerFlushAndRundown() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> x.delete()).highResolution(true),
                    ObjectAttributes.parent(dev).executionLevel(ExecutionLevel.PASSIVE));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.DELETE_WAITS_ON_ITSELF);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.sink().events(EventType.FAILURE)).isNotEmpty();
    }

    // [T6]/[T5] a timer on a queue-less passive device: the shutdown ends a periodic timer's run
    @Test
    void armedPeriodicTimerDoesNotKeepTheRunFromEnding() {
        AtomicBoolean ran = new AtomicBoolean();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            timer(rt, dev, TimerConfig.periodic(x -> ran.set(true), 5 * MS)).start(5 * MS);
            rt.work(30 * MS);
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(ran).isTrue();
    }
}
