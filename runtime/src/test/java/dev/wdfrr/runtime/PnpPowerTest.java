package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDpc;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.wdfrr.runtime.Io.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** pnp-power.md [P1]-[P15], the hardware's state and the checks: one test per rule, named after the framework function. */
@Timeout(30)
class PnpPowerTest {
    /** A device with hardware, an interrupt and a default parallel queue that holds its requests; callbacks logged. */
    static final class Rig {
        final List<String> log = new ArrayList<>();
        final List<WdfRequest> held = new ArrayList<>();
        WdfDevice dev;
        VirtualDevice hw;
        Requester app;

        Rig(WdfRuntime rt, UnaryOperator<PnpPowerCallbacks> more, UnaryOperator<QueueConfig> queue, long... arrivals) {
            PnpPowerCallbacks cb = PnpPowerCallbacks.none()
                    .prepareHardware(d -> log("PrepareHardware", rt))
                    .d0Entry((d, s) -> log("D0Entry " + s, rt))
                    .d0Exit((d, s) -> log("D0Exit " + s, rt))
                    .releaseHardware(d -> log("ReleaseHardware", rt));
            dev = rt.createDevice(DeviceConfig.named("d").pnpPower(more.apply(cb)));
            hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Scripted(arrivals),
                    (v, i) -> v.write(VirtualDevice.STATUS, 1)).maxArrivals(arrivals.length));
            dev.assignHardware(hw);
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> {
                log.add("ISR");
                in.hardware().write(VirtualDevice.STATUS, 0);
                return true;
            }).onEnable((in, d) -> log("InterruptEnable", rt)).onDisable((in, d) -> log("InterruptDisable", rt)));
            dev.createQueue(queue.apply(QueueConfig.parallel("q").defaultQueue().onDefault((q, x) -> held.add(x))));
            app = rt.openRequester(dev, "app");
        }

        long log(String what, WdfRuntime rt) {
            log.add(what);
            return 0;
        }
    }

    static List<String> names(Scenarios.Recorded r) {
        List<String> out = new ArrayList<>();
        for (Event e : r.events()) {
            switch (e.type()) {
                case PREPARE_HARDWARE, RELEASE_HARDWARE, D0_ENTRY, D0_EXIT, SURPRISE_REMOVAL, PNP_ARRIVAL, QUEUE_PURGE,
                        QUEUE_STOP, QUEUE_START -> out.add(e.type().wireName() + (e.type() == EventType.PNP_ARRIVAL
                        ? " " + PnpAction.ofId(e.arg()) : e.type().name().startsWith("QUEUE") ? " " + e.arg() : ""));
                case EVT_CALLBACK_START -> {
                    CallbackKind k = CallbackKind.ofId(e.related());
                    if (k != CallbackKind.EVT_TIMER_FUNC && k != CallbackKind.EVT_DPC_FUNC) {
                        out.add(k.label());
                    }
                }
                case INTERRUPT_STATE -> out.add("interrupt " + e.arg());
                case HARDWARE_STATE -> out.add("hw " + HardwareState.ofId(e.arg()));
                case DELETE -> out.add("delete #" + e.object());
                default -> { }
            }
        }
        return out;
    }

    // [P1] the PnP manager's worker: every PnP callback at PASSIVE on the device's PnP thread
    @Test
    void pnpCallbacksRunOnThePnpThreadAtPassive_PnpPowerThread() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE).pnpPower(PnpPowerCallbacks.none()
                    .prepareHardware(d -> add(seen, rt)).d0Entry((d, s) -> add(seen, rt))
                    .selfManagedIoInit(d -> add(seen, rt)).d0Exit((d, s) -> add(seen, rt))));
            dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).hasSize(4).allSatisfy(s -> assertThat(s).isEqualTo("PASSIVE wdfrr-pnp-d"));
        assertThat(Io.where(r, EventType.LOCK_ACQUIRE, e -> e.arg() == LockKind.CALLBACK.id())).isEmpty(); // [P2]
    }

    static long add(List<String> seen, WdfRuntime rt) {
        seen.add(rt.currentIrql() + " " + Thread.currentThread().getName());
        return 0;
    }

    // [P1] FxInterrupt::InterruptEnable via _SynchronizeExecution: DIRQL, the interrupt lock held
    @Test
    void interruptEnableRunsAtDirqlUnderInterruptLock_FxInterruptInterruptEnable() {
        List<Irql> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("hw", new InterruptSource.Scripted(new long[0]),
                    (v, i) -> { }).maxArrivals(0));
            dev.createInterrupt(InterruptConfig.of("int", hw, in -> true).onEnable((in, d) -> {
                seen.add(rt.currentIrql());
                return 0;
            }));
            dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly(Irql.DIRQL);
        assertThat(r.types()).containsSubsequence(EventType.LOCK_ACQUIRE, EventType.EVT_CALLBACK_START,
                EventType.LOCK_RELEASE, EventType.EVT_CALLBACK_END);
        assertThat(Io.where(r, EventType.LOCK_ACQUIRE, e -> e.arg() == LockKind.INTERRUPT.id())).hasSize(1);
    }

    // [P2] FxPnpDeviceD0Exit::InvokeClient: no callback lock, so D0Exit runs while a serialized timer callback runs
    @Test
    void d0ExitTakesNoCallbackLock_FxPnpDeviceD0ExitInvokeClient() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE).pnpPower(PnpPowerCallbacks.none()
                    .d0Exit((d, s) -> 0)));
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> rt.work(5 * MS)).highResolution(true),
                    ObjectAttributes.parent(dev));
            dev.schedulePnp(PnpArrival.at(PnpAction.STOP, 2 * MS));
            t.start(MS); // holds the device's callback lock from 1 ms to 6 ms
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        long d0exit = r.of(EventType.D0_EXIT).get(0).time();
        long timerEnd = Io.where(r, EventType.EVT_CALLBACK_END, e -> e.related() == CallbackKind.EVT_TIMER_FUNC.id()).get(0).time();
        assertThat(d0exit).isLessThan(timerEnd);
    }

    // [P3] PnpPrepareHardware, PowerD0Starting, PowerD0StartingConnectInterrupt, ..., PowerD0StartingStartSelfManagedIo
    @Test
    void startOrderPrepareD0EntryConnectEnableQueuesSelfManagedIo_PowerD0Starting() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.d0EntryPostInterruptsEnabled((d, s) -> 0).selfManagedIoInit(d -> 0), q -> q);
            rig.dev.schedulePnp();
            rt.awaitQuiescent();
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(names(r)).containsSubsequence("pnp_arrival START", "hw MAPPED", "prepare_hardware", "hw D0", "d0_entry",
                "interrupt 1", "EvtInterruptEnable", "interrupt 2", "EvtDeviceD0EntryPostInterruptsEnabled",
                "queue_start 2", "EvtDeviceSelfManagedIoInit");
    }

    // [P4] PowerPolStopping → PowerGotoD3Stopped: the exact order of the implicit power-down
    @Test
    void powerDownOrder_PowerGotoD3Stopped() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.selfManagedIoSuspend(d -> 0).d0ExitPreInterruptsDisabled((d, s) -> 0),
                    q -> q.onStop((qq, x, a) -> x.stopAcknowledge(false)));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rig.app.read(1);
            rt.awaitQuiescent();
            rig.held.get(0).complete(0);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<String> n = names(r);
        List<String> stop = n.subList(n.indexOf("pnp_arrival STOP"), n.size());
        assertThat(stop).containsSubsequence("pnp_arrival STOP", "EvtDeviceSelfManagedIoSuspend",
                "queue_stop 4", "EvtIoStop", "EvtDeviceD0ExitPreInterruptsDisabled", "EvtInterruptDisable", "interrupt 3",
                "interrupt 4", "d0_exit", "hw MAPPED", "release_hardware", "hw UNMAPPED");
    }

    // [P5] NotifyResourceObjectsDx before EvtDeviceD0Exit
    @Test
    void interruptsDisconnectedBeforeD0Exit_NotifyResourceObjectsDx() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(names(r)).containsSubsequence("EvtInterruptDisable", "interrupt 4", "d0_exit");
    }

    // [P5] FxInterrupt::Disconnect → FlushQueuedDpcs: every DPC queued then runs first
    @Test
    void queuedDpcsRunBeforeDisconnect_FxInterruptDisconnect() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q);
            WdfDpc dpc = rt.createDpc(DpcConfig.init(x -> rt.work(3 * MS)), ObjectAttributes.parent(rig.dev));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rt.work(MS);
            dpc.enqueue();
            dpc.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        long dpcEnd = Io.where(r, EventType.EVT_CALLBACK_END, e -> e.related() == CallbackKind.EVT_DPC_FUNC.id()).get(0).time();
        long disconnected = Io.where(r, EventType.INTERRUPT_STATE, e -> e.arg() == 4).get(0).time();
        assertThat(disconnected).isGreaterThanOrEqualTo(dpcEnd);
        assertThat(r.types()).containsSubsequence(EventType.FLUSH_START, EventType.EVT_CALLBACK_END, EventType.FLUSH_END);
    }

    // [P6][T19] PowerGotoD3Stopped stops no timer: it fires after D0Exit
    @Test
    void timerKeepsFiringAfterD0Exit_PowerGotoD3Stopped() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q);
            WdfTimer t = rt.createTimer(TimerConfig.periodic(x -> { }, 2 * MS).highResolution(true),
                    ObjectAttributes.parent(rig.dev));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, 3 * MS));
            t.start(2 * MS);
            rt.work(10 * MS);
            t.stop(true);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        long d0exit = r.of(EventType.D0_EXIT).get(0).time();
        assertThat(Io.where(r, EventType.EVT_CALLBACK_START, e -> e.related() == CallbackKind.EVT_TIMER_FUNC.id()
                && e.time() > d0exit)).isNotEmpty();
    }

    // [P7] PnpEventStopped: hardware released; the power-managed queues hold their requests and accept new ones
    @Test
    void stopReleasesHardwareAndHoldsQueues_PnpEventStopped() {
        List<WdfRequest> sent = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rt.awaitQuiescent();
            sent.add(rig.app.read(1));
            assertThat(rig.held).isEmpty(); // held: powered off
            assertThat(sent.get(0).isCompleted()).isFalse();
            rt.removeDevice(rig.dev);
        });
        assertThat(names(r)).containsSubsequence("d0_exit", "release_hardware", "hw UNMAPPED");
        assertThat(r.of(EventType.REQUEST_DISPATCH)).isEmpty();
    }

    // [P8] PnpEventStartingFromStopped: EvtIoResume for acknowledged requests, then the held ones delivered
    @Test
    void restartResumesAcknowledgedRequests_PnpEventStartingFromStopped() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.selfManagedIoRestart(d -> 0), q -> q.onStop((qq, x, a) -> x.stopAcknowledge(false))
                    .onResume((qq, x) -> rig0(x)));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS), PnpArrival.at(PnpAction.RESTART, 3 * MS));
            rig.app.read(1);
            rt.work(2 * MS);
            rig.app.read(2); // held while stopped
            rt.awaitQuiescent();
            rig.held.forEach(x -> x.complete(0));
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<String> n = names(r);
        assertThat(n.subList(n.indexOf("pnp_arrival RESTART"), n.size())).containsSubsequence("prepare_hardware", "d0_entry",
                "queue_start 2", "EvtIoResume", "EvtDeviceSelfManagedIoRestart");
        Event resume = Io.starts(r, CallbackKind.EVT_IO_RESUME).get(0);
        Event second = r.of(EventType.REQUEST_DISPATCH).get(1);
        assertThat(second.seq()).isGreaterThan(resume.seq());
    }

    static void rig0(WdfRequest x) {
    }

    // [P9] PnpEventRemovingDisableInterfaces ... PnpEventRemovedCommonCode
    @Test
    void orderlyRemovalOrder_PnpEventRemovingDisableInterfacesAndRemovedCommonCode() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.queryRemove(d -> 0).selfManagedIoFlush(d -> { }).selfManagedIoCleanup(d -> { }),
                    q -> q);
            rig.dev.createQueue(QueueConfig.manual("unmanaged").powerManaged(false));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(names(r)).containsSubsequence("pnp_arrival REMOVE", "EvtDeviceQueryRemove", "queue_stop 4", "d0_exit",
                "release_hardware", "queue_purge 4", "EvtDeviceSelfManagedIoFlush", "queue_purge 4",
                "EvtDeviceSelfManagedIoCleanup", "delete #2");
        assertThat(r.types()).containsSubsequence(EventType.DELETE, EventType.CLEANUP, EventType.DESTROY);
    }

    // [P10] the hardware is released before the power-managed queues are purged
    @Test
    void releaseHardwareBeforeManagedPurge_PnpEventRemovingDisableInterfaces() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig[] rig = new Rig[1];
            rig[0] = new Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> {
                if (a.purge()) {
                    rig[0].hw.read(VirtualDevice.STATUS); // completes purged requests by touching the hardware
                    x.complete(NtStatus.CANCELLED.code());
                } else {
                    x.stopAcknowledge(false);
                }
            }));
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rig[0].app.read(1);
            rt.awaitQuiescent();
        });
        assertThat(r.violations()).containsExactly(Rule.HARDWARE_ACCESS_UNMAPPED);
        assertThat(names(r)).containsSubsequence("release_hardware", "hw UNMAPPED", "queue_purge 4", "EvtIoStop");
    }

    // [P11] FX_DRIVER_GLOBALS::WaitForSignal: a request never completed nor acknowledged hangs the removal
    @Test
    void removalWithUnackedRequestHangsAndIsReported_WaitForSignal() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rig.app.read(1); // held by the driver forever, no EvtIoStop
            rt.awaitQuiescent();
        });
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(r.violations()).contains(Rule.REQUEST_PENDING_AT_PURGE);
        assertThat(r.result().message()).contains("power-down");
    }

    // [P12] PnpEventSurpriseRemoveIoStarted ... PnpEventFailed; later the remove request
    @Test
    void surpriseRemovalOrder_PnpEventSurpriseRemoveIoStarted() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.surpriseRemoval(d -> { }).selfManagedIoFlush(d -> { }).selfManagedIoCleanup(d -> { }),
                    q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.SURPRISE_REMOVE, MS),
                    PnpArrival.at(PnpAction.REMOVE_AFTER_SURPRISE, 3 * MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(names(r)).containsSubsequence("pnp_arrival SURPRISE_REMOVE", "hw ABSENT", "surprise_removal",
                "queue_stop 4", "EvtInterruptDisable", "d0_exit", "release_hardware", "queue_purge 4",
                "EvtDeviceSelfManagedIoFlush", "pnp_arrival REMOVE_AFTER_SURPRISE", "EvtDeviceSelfManagedIoCleanup",
                "delete #2");
    }

    // [P13] PnpEventSurpriseRemoved: from the stopped state, no second power-down
    @Test
    void surpriseRemovalWhileStoppedSkipsPowerDown_PnpEventSurpriseRemoved() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.surpriseRemoval(d -> { }), q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS), PnpArrival.at(PnpAction.SURPRISE_REMOVE, 2 * MS),
                    PnpArrival.at(PnpAction.REMOVE_AFTER_SURPRISE, 3 * MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.D0_EXIT)).hasSize(1);
        assertThat(r.of(EventType.RELEASE_HARDWARE)).hasSize(1);
        List<String> n = names(r);
        assertThat(n.subList(n.indexOf("pnp_arrival SURPRISE_REMOVE"), n.size())).containsSubsequence("surprise_removal",
                "queue_purge 4").doesNotContain("d0_exit");
    }

    // [P14] EvtDeviceSurpriseRemoval first, while the power-managed queues still deliver
    @Test
    void surpriseRemovalCallbackRunsWhileQueuesDeliver_PnpEventSurpriseRemoveIoStarted() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.surpriseRemoval(d -> rt.work(3 * MS)), q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.SURPRISE_REMOVE, MS));
            rt.work(2 * MS);
            rig.app.read(1); // during EvtDeviceSurpriseRemoval: delivered
            rig.held.get(0).complete(0);
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        Event dispatch = r.of(EventType.REQUEST_DISPATCH).get(0);
        Event srEnd = Io.where(r, EventType.EVT_CALLBACK_END, e -> e.related() == CallbackKind.SURPRISE_REMOVAL.id()).get(0);
        assertThat(dispatch.seq()).isLessThan(srEnd.seq());
    }

    // [P14] an absent device reads all ones and drops writes
    @Test
    void absentHardwareReadsAllOnes_VirtualDevice() {
        List<Long> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig[] rig = new Rig[1];
            rig[0] = new Rig(rt, c -> c.surpriseRemoval(d -> {
                rig[0].hw.write(VirtualDevice.INTERRUPT_ENABLE, 7);
                seen.add(rig[0].hw.read(VirtualDevice.INTERRUPT_ENABLE));
            }), q -> q);
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.SURPRISE_REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly(-1L);
    }

    // [P15] FxInterrupt::Connect: no ISR before the connection; a level-triggered status raised meanwhile is taken then
    @Test
    void isrRunsOnlyWhileConnected_FxInterruptConnect() {
        var r = Scenarios.run(Io.mainFirst("device"), rt -> {
            Rig rig = new Rig(rt, c -> c, q -> q, 0);
            rig.hw.start();
            rt.work(MS); // the device raised its status before the start
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, 2 * MS));
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.ISR_START)).hasSize(1);
        assertThat(Io.indexOf(r, EventType.ISR_START, r.of(EventType.ISR_START).get(0).object()))
                .isGreaterThan(r.events().indexOf(Io.where(r, EventType.INTERRUPT_STATE, e -> e.arg() == 2).get(0)));
    }

    // the hardware's state: unmapped once EvtDeviceReleaseHardware returned
    @Test
    void registerAccessAfterReleaseIsReported_PnpHardwareState() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig[] rig = new Rig[1];
            rig[0] = new Rig(rt, c -> c, q -> q);
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> rig[0].hw.read(VirtualDevice.STATUS)).highResolution(true),
                    ObjectAttributes.parent(rig[0].dev));
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rt.awaitQuiescent();
            t.start(0); // stopped: the registers are unmapped
            rt.awaitQuiescent();
            rt.removeDevice(rig[0].dev);
        });
        assertThat(r.violations()).containsExactly(Rule.HARDWARE_ACCESS_UNMAPPED);
        assertThat(r.result().message()).contains("not mapped", "bug check 0x50");
    }

    // the hardware's state: mapped but out of D0, between EvtDeviceD0Exit and EvtDeviceReleaseHardware
    @Test
    void registerAccessOutsideD0IsReported_PnpHardwareState() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig[] rig = new Rig[1];
            rig[0] = new Rig(rt, c -> c.releaseHardware(d -> {
                rt.work(2 * MS); // the timer fires meanwhile
                return 0;
            }), q -> q);
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> rig[0].hw.read(VirtualDevice.STATUS)).highResolution(true)
                    .automaticSerialization(false), ObjectAttributes.parent(rig[0].dev));
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            t.start(MS + MS / 2);
            rt.awaitQuiescent();
            rt.removeDevice(rig[0].dev);
        });
        assertThat(r.violations()).containsExactly(Rule.HARDWARE_ACCESS_OUTSIDE_D0);
        assertThat(r.result().message()).contains("out of D0");
    }

    // pnp-power.md check 4: FxPkgPnp::PnpReleaseHardware (KMDF 1.11+)
    @Test
    void releaseHardwareNotSupportedIsReported_PnpReleaseHardware() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig rig = new Rig(rt, c -> c.releaseHardware(d -> NtStatus.NOT_SUPPORTED.code()), q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.violations()).containsExactly(Rule.RELEASE_HARDWARE_NOT_SUPPORTED);
    }

    // the hardware's state: mapped, not in D0, inside EvtDevicePrepareHardware and EvtDeviceReleaseHardware; D0 between
    // EvtDeviceD0Entry and the end of EvtDeviceD0Exit: every access there is allowed (PnpPrepareHardware, PnpReleaseHardware)
    @Test
    void registerAccessInPrepareAndReleaseHardwareIsAllowed_PnpHardwareState() {
        List<String> touched = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Rig[] rig = new Rig[1];
            rig[0] = new Rig(rt, c -> c.prepareHardware(d -> touch(rig[0], "PrepareHardware", touched))
                    .d0Entry((d, s) -> touch(rig[0], "D0Entry", touched))
                    .d0Exit((d, s) -> touch(rig[0], "D0Exit", touched))
                    .releaseHardware(d -> touch(rig[0], "ReleaseHardware", touched)), q -> q);
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rt.awaitQuiescent();
        });
        assertThat(r.violations()).isEmpty();
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(touched).containsExactly("PrepareHardware", "D0Entry", "D0Exit", "ReleaseHardware");
        assertThat(names(r)).containsSubsequence("hw MAPPED", "prepare_hardware", "hw D0", "d0_entry", "d0_exit",
                "hw MAPPED", "release_hardware", "hw UNMAPPED");
    }

    private static long touch(Rig rig, String where, List<String> touched) {
        rig.hw.write(VirtualDevice.INTERRUPT_ENABLE, 0);
        rig.hw.read(VirtualDevice.STATUS);
        touched.add(where);
        return 0;
    }
}
