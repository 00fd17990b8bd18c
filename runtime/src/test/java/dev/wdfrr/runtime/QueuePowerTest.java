package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.StopAction;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static dev.wdfrr.runtime.Io.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** io-queues-and-requests.md, power-managed queues [Q27]-[Q33]: one test per rule, named after the framework function. */
@Timeout(30)
class QueuePowerTest {
    // [Q27] FxIoQueue::StopProcessingForPower: EvtIoStop(Suspend) per owned request; the PnP thread waits for the acknowledgements
    @Test
    void powerDownGivesEvtIoStopSuspendPerOwnedRequestAndWaits_StopProcessingForPower() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig[] rig = new PnpPowerTest.Rig[1];
            rig[0] = new PnpPowerTest.Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> {
                seen.add("EvtIoStop " + x.length() + (a.purge() ? " purge" : " suspend"));
                if (x.length() == 2) {
                    x.stopAcknowledge(false); // at once
                }
            }));
            rig[0].dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rig[0].app.read(1);
            rig[0].app.read(2);
            rt.work(2 * MS);
            assertThat(rig[0].dev.powerState()).isEqualTo(dev.wdfrr.runtime.wdf.PowerState.D0); // still waiting for #1
            rig[0].held.get(0).stopAcknowledge(false); // later, after EvtIoStop returned
            rt.awaitQuiescent();
            rig[0].held.forEach(x -> x.complete(0));
            rt.removeDevice(rig[0].dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("EvtIoStop 1 suspend", "EvtIoStop 2 suspend");
        assertThat(r.of(EventType.D0_EXIT).get(0).time()).isEqualTo(2 * MS); // when #1 was acknowledged
    }

    // [Q28] FxIoQueue::ProcessPowerEvents without EvtIoStop: waits for the completions
    @Test
    void powerDownWithoutEvtIoStopWaitsForCompletion_ProcessPowerEvents() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rig.app.read(1);
            rt.work(3 * MS);
            rig.held.get(0).complete(0);
            rt.awaitQuiescent();
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.D0_EXIT).get(0).time()).isEqualTo(3 * MS);
    }

    // [Q28] ProcessPowerEvents: a cancelled request gets no EvtIoStop but is still waited for
    @Test
    void cancelledRequestGetsNoEvtIoStop_ProcessPowerEvents() {
        List<Long> stopped = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> {
                stopped.add(x.length());
                x.stopAcknowledge(false);
            }));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rt.work(MS / 2); // started
            WdfRequest a = rig.app.read(1);
            rig.app.read(2);
            rig.app.cancel(a); // not cancelable: marked cancelled
            rt.work(3 * MS);
            rig.held.get(0).complete(NtStatus.CANCELLED.code());
            rt.awaitQuiescent();
            rig.held.get(1).complete(0);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(stopped).containsExactly(2L);
        assertThat(r.of(EventType.D0_EXIT).get(0).time()).isEqualTo(3 * MS + MS / 2); // when the cancelled one completed
    }

    // [Q29] ProcessCancelledRequests checks IsPowerStateNotifyingDriver: the routine runs after the notifications
    @Test
    void cancelRoutineWaitsUntilEvtIoStopNotificationsEnd_ProcessCancelledRequests() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            Requester[] app = new Requester[1];
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> {
                seen.add("EvtIoStop " + x.length() + " begins");
                if (x.length() == 1) {
                    app[0].cancel(x); // cancelable: its routine is held until the notifications are over
                }
                x.stopAcknowledge(false);
                seen.add("EvtIoStop " + x.length() + " ends");
            }));
            app[0] = rig.app;
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS));
            rt.work(MS / 2); // started
            rig.app.read(1);
            rig.app.read(2);
            rig.held.get(0).markCancelable(c -> {
                seen.add("cancel routine");
                c.complete(NtStatus.CANCELLED.code());
            });
            rt.awaitQuiescent();
            rig.held.get(1).complete(0);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.violations()).isEmpty();
        assertThat(seen).containsExactly("EvtIoStop 1 begins", "EvtIoStop 1 ends", "EvtIoStop 2 begins",
                "EvtIoStop 2 ends", "cancel routine");
    }

    // [Q30] ProcessAcknowledgedRequests: requeue = TRUE → back at the head, delivered after power-up, no EvtIoResume
    @Test
    void ackWithRequeuePutsAtHeadWithoutResume_ProcessAcknowledgedRequests() {
        List<Long> delivered = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> x.stopAcknowledge(true))
                    .onResume((qq, x) -> { throw new AssertionError("no EvtIoResume for a requeued request"); }));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS), PnpArrival.at(PnpAction.RESTART, 3 * MS));
            rig.app.read(1);
            rt.work(2 * MS);
            rig.app.read(2); // waits behind the requeued one
            rt.awaitQuiescent();
            rig.held.forEach(x -> {
                delivered.add(x.length());
                if (!x.isCompleted()) {
                    x.complete(0);
                }
            });
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(delivered).containsExactly(1L, 1L, 2L); // held keeps the first delivery too
        assertThat(r.of(EventType.REQUEST_DISPATCH)).hasSize(3);
    }

    // [Q30] FxRequest::VerifyRequestIsInEvtIoStopContext
    @Test
    void ackWithoutEvtIoStopIsIgnored_VerifyRequestIsInEvtIoStopContext() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q);
            rig.dev.schedulePnp();
            rig.app.read(1);
            rt.awaitQuiescent();
            rig.held.get(0).stopAcknowledge(false);
            rig.held.get(0).complete(0);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.violations()).containsExactly(Rule.STOP_ACK_OUTSIDE_EVT_IO_STOP);
        assertThat(r.of(EventType.REQUEST_STOP_ACK)).isEmpty();
    }

    // [Q31] FxPkgIo::ResumeProcessingForPower: every queue restored (EvtIoResume) before any delivers
    @Test
    void powerUpResumesAllQueuesBeforeDelivering_FxPkgIoResumeProcessingForPower() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q.onStop((qq, x, a) -> x.stopAcknowledge(false))
                    .onResume((qq, x) -> { }));
            List<WdfRequest> second = new ArrayList<>();
            WdfQueue other = rig.dev.createQueue(QueueConfig.parallel("other").onWrite((q, x, n) -> second.add(x))
                    .onStop((q, x, a) -> x.stopAcknowledge(false)).onResume((q, x) -> { }));
            rig.dev.configureRequestDispatching(other, dev.wdfrr.runtime.wdf.RequestType.WRITE);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS), PnpArrival.at(PnpAction.RESTART, 3 * MS));
            rig.app.read(1);
            rig.app.write(1);
            rt.work(2 * MS);
            rig.app.read(2);
            rig.app.write(2);
            rt.awaitQuiescent();
            rig.held.forEach(x -> x.complete(0));
            second.forEach(x -> x.complete(0));
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> resumes = Io.starts(r, CallbackKind.EVT_IO_RESUME);
        assertThat(resumes).hasSize(2);
        List<Event> deliveries = r.of(EventType.REQUEST_DISPATCH);
        assertThat(deliveries.get(2).seq()).isGreaterThan(resumes.get(1).seq());
    }

    // [Q32] DispatchEvents: a powered-off queue holds what arrives
    @Test
    void poweredOffQueueHoldsArrivals_DispatchEvents() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c, q -> q);
            rig.app.read(1); // before the device starts
            assertThat(rig.held).isEmpty();
            rig.dev.schedulePnp();
            rt.awaitQuiescent();
            assertThat(rig.held).hasSize(1); // delivered at power-up
            rig.held.get(0).complete(0);
            rt.removeDevice(rig.dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.thread(r, r.of(EventType.REQUEST_DISPATCH).get(0))).isEqualTo("pnp-d");
    }

    // [Q33] StopProcessingForPower(PurgeManaged): after EvtDeviceReleaseHardware, EvtIoStop(Purge) for what the driver still owns
    @Test
    void removalPurgeGivesEvtIoStopPurgeAfterReleaseHardware_StopProcessingForPowerPurgeManaged() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c.releaseHardware(d -> {
                seen.add("ReleaseHardware");
                return 0;
            }), q -> q.onStop((qq, x, a) -> {
                seen.add("EvtIoStop " + (a.purge() ? "purge" : "suspend") + (a.cancelable() ? " cancelable" : ""));
                if (a.purge()) {
                    x.complete(NtStatus.CANCELLED.code());
                } else {
                    x.stopAcknowledge(false);
                }
            }));
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.REMOVE, MS));
            rig.app.read(1);
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("EvtIoStop suspend", "ReleaseHardware", "EvtIoStop purge");
        assertThat(new StopAction(true, true).flags()).isEqualTo(2 | 0x10000000L);
    }

    // [Q33] PurgeNonManaged: a non-power-managed queue delivers while stopped, and is purged at the very end
    @Test
    void nonPowerManagedQueueDeliversWhileStoppedAndIsPurgedLast_PurgeNonManaged() {
        List<WdfRequest> unmanaged = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            PnpPowerTest.Rig rig = new PnpPowerTest.Rig(rt, c -> c.selfManagedIoCleanup(d -> { }), q -> q);
            WdfQueue control = rig.dev.createQueue(QueueConfig.parallel("control").powerManaged(false)
                    .onDeviceControl((q, x, o, i, code) -> unmanaged.add(x)));
            rig.dev.configureRequestDispatching(control, dev.wdfrr.runtime.wdf.RequestType.DEVICE_CONTROL);
            rig.dev.schedulePnp(PnpArrival.at(PnpAction.STOP, MS), PnpArrival.at(PnpAction.REMOVE, 5 * MS));
            rt.work(2 * MS);
            rig.app.deviceControl(7, 0, 4); // stopped, hardware released: still delivered
            assertThat(unmanaged).hasSize(1);
            rt.work(2 * MS);
            unmanaged.get(0).complete(0);
            rt.awaitQuiescent();
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<String> n = PnpPowerTest.names(r);
        assertThat(n.subList(n.indexOf("pnp_arrival REMOVE"), n.size())).containsSubsequence("queue_purge 4", "queue_purge 4",
                "EvtDeviceSelfManagedIoCleanup");
    }
}
