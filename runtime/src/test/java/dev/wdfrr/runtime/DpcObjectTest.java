package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** timers-and-dpcs.md, "DPC objects": one test per rule, named after the framework function it follows. */
@Timeout(30)
class DpcObjectTest {
    static final long MS = 1_000_000L;

    static WdfDpc dpc(WdfRuntime rt, WdfDevice dev, DpcConfig config) {
        return rt.createDpc(config, ObjectAttributes.parent(dev).name("dpc"));
    }

    static List<Event> dpcStarts(Scenarios.Recorded r) {
        return TimerTest.callbackStarts(r, CallbackKind.EVT_DPC_FUNC);
    }

    // [D1] FxDpc::Initialize: a device ancestor is required
    @Test
    void dpcWithoutDeviceAncestorIsInvalidDeviceRequest_FxDpcInitialize() {
        var r = Scenarios.run(rt -> {
            assertThatThrownBy(() -> rt.createDpc(DpcConfig.init(d -> { }), ObjectAttributes.parent(rt.driver())))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST));
            assertThatThrownBy(() -> rt.createDpc(DpcConfig.init(d -> { }), ObjectAttributes.none()))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_PARENT_NOT_SPECIFIED));
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [D2] FxDpc::Initialize → FxObject::_GetEffectiveLock(passive = FALSE)
    @Test
    void serializedDpcUnderPassiveParentIsIncompatible_FxDpcInitialize() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)
                    .executionLevel(ExecutionLevel.PASSIVE));
            assertThatThrownBy(() -> dpc(rt, dev, DpcConfig.init(d -> { })))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL));
            dpc(rt, dev, DpcConfig.init(d -> { }).automaticSerialization(false)); // without serialization: fine
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.INCOMPATIBLE_EXECUTION_LEVEL);
    }

    // [D3] FxDpc::DpcHandler: on the CPU it was queued on, holding the parent's spin callback lock
    @Test
    void dpcRunsOnItsCpuUnderSpinCallbackLock_FxDpcDpcHandler() {
        AtomicReference<Irql> level = new AtomicReference<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> level.set(rt.currentIrql())));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Periodic(MS),
                    (v, i) -> v.write(VirtualDevice.STATUS, 1)).maxArrivals(1).targetCpu(1));
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                in.hardware().write(VirtualDevice.STATUS, 0);
                d.enqueue(); // from the ISR on cpu 1
                return true;
            }));
            hw.start();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(level.get()).isEqualTo(Irql.DISPATCH);
        assertThat(r.of(EventType.WDFDPC_ENQUEUE)).singleElement().satisfies(e -> assertThat(e.related()).isEqualTo(2));
        assertThat(TimerTest.threadOf(r, dpcStarts(r).get(0))).isEqualTo("cpu-1");
        assertThat(r.types()).containsSubsequence(EventType.LOCK_ACQUIRE, EventType.EVT_CALLBACK_START,
                EventType.LOCK_RELEASE, EventType.EVT_CALLBACK_END);
    }

    // [D4] WdfDpcEnqueue → KeInsertQueueDpc: FALSE while queued
    @Test
    void enqueueWhileQueuedIsCoalesced_WdfDpcEnqueue() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> { }));
            results.add(d.enqueue());
            results.add(d.enqueue());
            rt.awaitQuiescent();
            results.add(d.enqueue());
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(results).containsExactly(true, false, true);
        assertThat(dpcStarts(r)).hasSize(2);
    }

    // [D4] KeInsertQueueDpc from the running DPC: no longer queued, so it runs again after, on the same CPU
    @Test
    void enqueueFromOwnCallbackRunsAgainAfter_WdfDpcEnqueue() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            int[] n = {0};
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> {
                if (++n[0] == 1) {
                    assertThat(x.enqueue()).isTrue();
                }
                rt.work(MS);
            }));
            d.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> starts = dpcStarts(r);
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).thread()).isEqualTo(starts.get(0).thread());
        assertThat(starts.get(1).time()).isEqualTo(MS); // after the first returned
    }

    // [D5] WdfDpcEnqueue does not look at m_RunningDown: the model refuses and reports
    @Test
    void enqueueAfterRundownIsUseAfterDelete_WdfDpcEnqueue() {
        AtomicReference<Boolean> late = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> {
                rt.work(MS); // main deletes it meanwhile
                late.set(x.enqueue());
            }));
            d.enqueue();
            rt.work(100_000);
            d.delete();
            rt.removeDevice(dev);
        });
        assertThat(late.get()).isFalse();
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE);
        assertThat(r.result().message()).contains("WdfDpcEnqueue", "being freed");
        assertThat(r.of(EventType.WDFDPC_ENQUEUE)).extracting(Event::arg).containsExactly(1L, -1L);
    }

    // [D6] FxDpc::Cancel(FALSE) → KeRemoveQueueDpc
    @Test
    void cancelWithoutWaitRemovesQueued_FxDpcCancel() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> { }));
            results.add(d.cancel(false)); // never queued
            d.enqueue();
            results.add(d.cancel(false));
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(results).containsExactly(false, true);
        assertThat(dpcStarts(r)).isEmpty();
    }

    // [D7] FxDpc::Cancel(TRUE): a removed instance returns TRUE at once, without waiting for a running one
    @Test
    void waitingCancelThatRemovedDoesNotWaitForRunningInstance_FxDpcCancel() {
        AtomicReference<Boolean> removed = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().cpus(1).strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> rt.work(2 * MS)).automaticSerialization(false));
            d.enqueue();
            rt.work(100_000); // the first instance runs
            d.enqueue();      // queued behind it on the same CPU
            removed.set(d.cancel(true));
            assertThat(rt.clock()).isEqualTo(100_000); // did not wait for the running instance
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(removed.get()).isTrue();
        assertThat(dpcStarts(r)).hasSize(1);
        assertThat(r.of(EventType.FLUSH_START)).isEmpty();
    }

    // [D7] FxDpc::Cancel(TRUE): nothing queued → KeFlushQueuedDpcs, FALSE
    @Test
    void waitingCancelFlushesWhenNothingQueued_FxDpcCancel() {
        AtomicReference<Boolean> removed = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().cpus(1).strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> rt.work(2 * MS)));
            d.enqueue();
            rt.work(100_000); // running now, no longer queued
            removed.set(d.cancel(true));
            assertThat(rt.clock()).isEqualTo(2 * MS); // waited for it to return
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(removed.get()).isFalse();
        assertThat(r.types()).containsSubsequence(EventType.FLUSH_START, EventType.EVT_CALLBACK_END, EventType.FLUSH_END,
                EventType.WDFDPC_CANCEL);
    }

    // [D8] WdfDpcCancel: FxVerifierCheckIrqlLevel(PASSIVE) before FxDpc::Cancel
    @Test
    void waitingCancelFromOwnCallbackIsReportedAndCancelsNothing_WdfDpcCancel() {
        AtomicReference<Boolean> result = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            int[] n = {0};
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> {
                if (++n[0] == 1) {
                    x.enqueue();
                    result.set(x.cancel(true)); // at DISPATCH: refused, the queued instance stays
                }
            }));
            d.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(result.get()).isFalse();
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(dpcStarts(r)).hasSize(2);
        assertThat(r.of(EventType.WDFDPC_CANCEL)).singleElement().satisfies(e -> assertThat(e.arg()).isEqualTo(1 | 4));
    }

    // [D9] FxDpc::FlushAndRundown: the disposal waits for the queued DPC
    @Test
    void deleteFlushesQueuedDpc_FxDpcFlushAndRundown() {
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfDpc d = dpc(rt, dev, DpcConfig.init(x -> rt.work(MS)));
            d.enqueue();
            d.delete();
            assertThat(rt.clock()).isEqualTo(MS);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.types()).containsSubsequence(EventType.WDFDPC_ENQUEUE, EventType.DELETE, EventType.EVT_CALLBACK_START,
                EventType.EVT_CALLBACK_END, EventType.CLEANUP, EventType.DESTROY);
    }
}
