package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wdfrr.runtime.Io.MS;
import static org.assertj.core.api.Assertions.assertThat;

/** io-queues-and-requests.md, [R1]-[R17] and the request checks: one test per rule, named after the framework function. */
@Timeout(30)
class RequestTest {
    /** A device whose default parallel queue hands every request to {@code held}, owned by the driver. */
    static WdfQueue holding(WdfDevice dev, List<WdfRequest> held) {
        return dev.createQueue(QueueConfig.parallel("p").defaultQueue().onDefault((q, x) -> held.add(x)));
    }

    // [R1] FxRequest::CompleteInternal → EarlyDispose: the cleanup runs inside the complete call
    @Test
    void completeRunsRequestCleanupInsideTheCall_FxRequestCompleteInternal() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").requestAttributes(null,
                    o -> seen.add("cleanup on " + Thread.currentThread().getName())));
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            rt.openRequester(dev, "app").read(1);
            held.get(0).complete(0);
            seen.add("complete returned");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("cleanup on wdfrr-main", "complete returned");
        assertThat(r.types()).containsSubsequence(EventType.REQUEST_COMPLETE, EventType.CLEANUP, EventType.DESTROY);
    }

    // [R2] CompleteInternal: framework statuses are mapped
    @Test
    void wdfPausedIsCompletedAsDeviceBusy_CompleteInternal() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onDefault((q, x) -> x.complete(NtStatus.WDF_PAUSED.code())));
            req.set(rt.openRequester(dev, "app").read(1));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(req.get().completionStatus()).isEqualTo(NtStatus.DEVICE_BUSY.code());
    }

    // [R3] FxRequest::VerifyCompleteInternal: WDF_REQUEST_FATAL_ERROR / INFORMATION_LENGTH_MISMATCH
    @Test
    void informationBeyondReadLengthIsBugCheck_VerifyCompleteInternal() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> x.complete(0, n + 1)));
            rt.openRequester(dev, "app").read(8);
        });
        assertThat(r.violations()).startsWith(Rule.INFORMATION_LENGTH_MISMATCH);
        assertThat(r.result().failure()).isEqualTo(FailureKind.EXCEPTION);
        assertThat(r.result().message()).contains("0x10D", "INFORMATION_LENGTH_MISMATCH");
    }

    // [R4] RequestCompletedCallback: a completion lets a sequential queue deliver its next
    @Test
    void completionLetsSequentialQueueDeliverNext_RequestCompletedCallback() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> held.add(x)));
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            assertThat(held).hasSize(1);
            held.get(0).complete(0);
            assertThat(held).hasSize(2); // delivered by the completion, on this thread
            held.get(1).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [R5] FxRequest::VerifyRequestIsDriverOwned
    @Test
    void completingANotOwnedRequestIsRefused_VerifyRequestIsDriverOwned() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            req.set(rt.openRequester(dev, "app").read(1));
            req.get().complete(0); // still waiting in the queue
            assertThat(req.get().isCompleted()).isFalse();
            m.retrieveNextRequest().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.REQUEST_NOT_OWNED);
        assertThat(r.of(EventType.REQUEST_COMPLETE)).hasSize(1);
    }

    // [R6] VerifyCompleteInternal: "Completing Cancelable WDFREQUEST"; the completion proceeds
    @Test
    void completingCancelableIsReportedAndProceeds_VerifyCompleteInternal() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            req.set(rt.openRequester(dev, "app").read(1));
            held.get(0).markCancelable(c -> c.complete(NtStatus.CANCELLED.code()));
            held.get(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.COMPLETE_CANCELABLE);
        assertThat(req.get().completionStatus()).isEqualTo(NtStatus.SUCCESS.code());
        assertThat(r.result().message()).contains("Call WdfRequestUnmarkCancelable before WdfRequestComplete".substring(5));
    }

    // [R6] ProcessCancelledRequests marks it cancelled before the routine: completing there is fine
    @Test
    void completingInsideCancelRoutineIsAllowed_ProcessCancelledRequests() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            Requester app = rt.openRequester(dev, "app");
            req.set(app.read(1));
            held.get(0).markCancelable(c -> c.complete(NtStatus.CANCELLED.code()));
            app.cancelIo();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(req.get().completionStatus()).isEqualTo(NtStatus.CANCELLED.code());
    }

    // [R7] _IrpCancelForQueue and _IrpCancelForDriver: what a CancelIo does in each state
    @ParameterizedTest(name = "{0}")
    @CsvSource({"waiting, CANCELLED, 0", "cancelable, CANCELLED, 1", "notCancelable, SUCCESS, 0"})
    void cancelIoOnWaitingCancelableAndUncancelable_IrpCancelForQueueAndForDriver(String state, String status, int routines) {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        AtomicBoolean canceled = new AtomicBoolean();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = holding(dev, held);
            if (state.equals("waiting")) {
                p.stop(null);
            }
            Requester app = rt.openRequester(dev, "app");
            req.set(app.read(1));
            if (state.equals("cancelable")) {
                held.get(0).markCancelable(c -> c.complete(NtStatus.CANCELLED.code()));
            }
            app.cancel(req.get());
            if (state.equals("notCancelable")) {
                canceled.set(held.get(0).isCanceled()); // marked, nothing else
                held.get(0).complete(0);
            }
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(req.get().completionStatus()).isEqualTo(NtStatus.valueOf(status).code());
        assertThat(Io.starts(r, CallbackKind.EVT_REQUEST_CANCEL)).hasSize(routines);
        assertThat(canceled.get()).isEqualTo(state.equals("notCancelable"));
        CancelReason.StateAtCancel expected = switch (state) {
            case "waiting" -> CancelReason.StateAtCancel.WAITING;
            case "cancelable" -> CancelReason.StateAtCancel.CANCELABLE;
            default -> CancelReason.StateAtCancel.NOT_CANCELABLE;
        };
        assertThat(r.of(EventType.REQUEST_CANCEL)).singleElement()
                .satisfies(e -> assertThat(e.arg()).isEqualTo(CancelReason.arg(CancelReason.CANCEL_IO, expected)));
    }

    // [R7] FxPkgGeneral cleanup → FxPkgIo::FlushAllQueuesByFileObject
    @Test
    void processExitCancelsThenFlushesByFileObject_FlushAllQueuesByFileObject() {
        List<WdfRequest> sent = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = holding(dev, held);
            Requester app = rt.openRequester(dev, "app");
            sent.add(app.read(1)); // driver-owned, not cancelable: the driver's to complete
            p.stop(null);
            sent.add(app.read(2)); // waiting
            app.exitProcess();
            assertThat(sent.get(1).completionStatus()).isEqualTo(NtStatus.CANCELLED.code());
            assertThat(sent.get(0).isCompleted()).isFalse();
            held.get(0).complete(NtStatus.CANCELLED.code());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.of(EventType.REQUEST_CANCEL)).extracting(Event::arg).containsExactly(
                CancelReason.arg(CancelReason.PROCESS_EXIT, CancelReason.StateAtCancel.NOT_CANCELABLE),
                CancelReason.arg(CancelReason.PROCESS_EXIT, CancelReason.StateAtCancel.WAITING));
    }

    // [R8] FxIoQueue::ProcessCancelledRequests: once, under the callback lock
    @Test
    void cancelRoutineRunsOnceUnderCallbackLock_InvokeCancel() {
        List<Irql> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().syncScope(SyncScope.QUEUE).onDefault((q, x) -> held.add(x)));
            Requester app = rt.openRequester(dev, "app");
            WdfRequest req = app.read(1);
            held.get(0).markCancelable(c -> {
                seen.add(rt.currentIrql());
                c.complete(NtStatus.CANCELLED.code());
            });
            app.cancel(req);
            app.cancel(req); // completed by then: nothing
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly(Irql.DISPATCH);
        assertThat(Io.where(r, EventType.LOCK_ACQUIRE, e -> e.arg() == LockKind.CALLBACK.id())).hasSize(2);
    }

    // [R9] RequestCancelable on a cancelled request: the routine runs before the call returns (no thread in the loop)
    @Test
    void markCancelableOnCancelledRunsCancelRoutineBeforeReturnOutsideTheLoop_RequestCancelable() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            Requester app = rt.openRequester(dev, "app");
            WdfRequest req = app.read(1);
            app.cancel(req); // not cancelable yet: marked
            held.get(0).markCancelable(c -> {
                seen.add("routine");
                c.complete(NtStatus.CANCELLED.code());
            });
            seen.add("returned");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("routine", "returned");
        assertThat(r.of(EventType.REQUEST_MARK_CANCELABLE)).singleElement().satisfies(e -> assertThat(e.arg()).isEqualTo(2));
    }

    // [R9] ...from inside the queue's callback the loop is running: it runs after the callback returns
    @Test
    void markCancelableOnCancelledRunsCancelRoutineAfterTheCallbackWhenInsideIt_RequestCancelable() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            Requester app = rt.openRequester(dev, "app");
            dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> {
                app.cancel(x); // a CancelIo while the driver owns it, not cancelable: only marked
                x.markCancelable(c -> {
                    seen.add("routine on " + Thread.currentThread().getName());
                    c.complete(NtStatus.CANCELLED.code());
                });
                seen.add("callback returns");
            }));
            app.read(1);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("callback returns", "routine on wdfrr-main");
    }

    // [R10] RequestCancelable for Ex: STATUS_CANCELLED, the routine is not called
    @Test
    void markCancelableExOnCancelledReturnsCancelled_RequestCancelable() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            Requester app = rt.openRequester(dev, "app");
            app.cancel(app.read(1));
            status.set(held.get(0).markCancelableEx(c -> { throw new AssertionError("not called"); }));
            held.get(0).complete(NtStatus.CANCELLED.code());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(status.get()).isEqualTo(NtStatus.CANCELLED.code());
        assertThat(Io.starts(r, CallbackKind.EVT_REQUEST_CANCEL)).isEmpty();
    }

    // [R11] FxRequest::RemoveFromIrpQueue: STATUS_CANCELLED once the cancel routine owns it
    @Test
    void unmarkAfterCancelReturnsCancelledAndCancelRoutineOwns_RemoveFromIrpQueue() {
        List<Long> results = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().presentedLimit(2).onDefault((q, x) -> held.add(x)));
            WdfQueue pending = dev.createQueue(QueueConfig.manual("unused"));
            Requester app = rt.openRequester(dev, "app");
            WdfRequest a = app.read(1);
            app.read(2);
            held.get(0).markCancelable(c -> { }); // the routine takes it and keeps it (completes it later)
            held.get(1).markCancelable(c -> c.complete(NtStatus.CANCELLED.code()));
            results.add(held.get(1).unmarkCancelable()); // success: the driver may complete it
            held.get(1).complete(0);
            app.cancel(a); // the routine runs and owns it
            results.add(held.get(0).unmarkCancelable());
            held.get(0).complete(NtStatus.CANCELLED.code()); // the routine owned it: allowed after it ran
            pending.delete();
            rt.removeDevice(dev);
        });
        assertThat(results).containsExactly(NtStatus.SUCCESS.code(), NtStatus.CANCELLED.code());
        assertThat(r.of(EventType.REQUEST_UNMARK_CANCELABLE)).extracting(Event::arg).containsExactly(1L, 2L);
    }

    // [R12] FxRequest::VerifyRequestIsCancelable
    @Test
    void unmarkOfUncancelableIsReported_VerifyRequestIsCancelable() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            rt.openRequester(dev, "app").read(1);
            status.set(held.get(0).unmarkCancelable());
            held.get(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.UNMARK_NOT_CANCELABLE);
        assertThat(status.get()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
    }

    // [R13] QueueRequestFromForward: a destination that does not accept → STATUS_WDF_BUSY, still owned
    @Test
    void forwardToNonAcceptingQueueIsBusyAndStillOwned_QueueRequestFromForward() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            WdfQueue closed = dev.createQueue(QueueConfig.manual("closed"));
            closed.purge(null);
            rt.openRequester(dev, "app").read(1);
            status.set(held.get(0).forwardToQueue(closed));
            held.get(0).complete(0); // still the driver's
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(status.get()).isEqualTo(NtStatus.WDF_BUSY.code());
    }

    // [R13] FxIoQueue::VerifyForwardRequest
    @Test
    void forwardToSameQueueIsRefused_VerifyForwardRequest() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = holding(dev, held);
            rt.openRequester(dev, "app").read(1);
            status.set(held.get(0).forwardToQueue(p));
            held.get(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.FORWARD_INVALID_QUEUE);
        assertThat(status.get()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
    }

    // [R14] FxIoQueue::Requeue: back at the head
    @Test
    void requeueGoesToHead_FxIoQueueRequeue() {
        List<Long> order = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            m.retrieveNextRequest().request().requeue();
            for (int i = 0; i < 2; i++) {
                WdfRequest x = m.retrieveNextRequest().request();
                order.add(x.length());
                x.complete(0);
            }
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(order).containsExactly(1L, 2L);
    }

    // [R14] FxIoQueue::Requeue: only a manual queue's requests (with or without the verifier)
    @Test
    void requeueOnParallelIsInvalidDeviceRequest_FxIoQueueRequeue() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            rt.openRequester(dev, "app").read(1);
            status.set(held.get(0).requeue());
            held.get(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.REQUEUE_NOT_MANUAL);
        assertThat(status.get()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
    }

    // [R16] FxObjectHandleGetPtr on a freed request
    @Test
    void callAfterCompletionIsUseAfterComplete_FxObjectHandleGetPtr() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            rt.openRequester(dev, "app").read(1);
            held.get(0).complete(0);
            held.get(0).unmarkCancelable();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_COMPLETE);
        assertThat(r.result().message()).contains("WdfRequestUnmarkCancelable", "after it was completed");
    }

    // [R17] ProcessCancelledRequests keeps the request alive: the routine that lost the race meets it completed
    @Test
    void cancelRoutineThatLostTheRaceMeetsACompletedRequest_ProcessCancelledRequests() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = dev.createQueue(QueueConfig.parallel("p").defaultQueue().syncScope(SyncScope.QUEUE).onRead((q, x, n) -> {
                held.add(x);
                x.markCancelable(c -> {
                    seen.add("routine");
                    c.complete(NtStatus.CANCELLED.code()); // lost the race: already completed
                });
            }));
            Requester app = rt.openRequester(dev, "app");
            WdfRequest req = app.read(1);
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> {
                app.cancel(req); // the routine is handed to the queue's DPC: this thread holds the queue's lock
                seen.add("unmark " + Long.toHexString(held.get(0).unmarkCancelable()));
                held.get(0).complete(0); // the driver completes it anyway
            }).highResolution(true), ObjectAttributes.parent(p));
            t.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(seen).containsExactly("unmark c0000120", "routine");
        assertThat(r.violations()).containsExactly(Rule.COMPLETE_CANCELABLE, Rule.REQUEST_COMPLETED_TWICE);
        assertThat(r.of(EventType.REQUEST_COMPLETE)).hasSize(1);
    }

    // [R9] FxIoQueue::VerifyRequestCancelable → VerifyRequestIsNotCancelable: a second mark does nothing
    @Test
    void markingACancelableRequestAgainIsReportedAndIgnored_VerifyRequestCancelable() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            held.get(0).markCancelable(c -> {
                seen.add("first");
                c.complete(NtStatus.CANCELLED.code());
            });
            long again = held.get(0).markCancelableEx(c -> seen.add("second"));
            seen.add("Ex " + Long.toHexString(again));
            app.cancelIo();
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.MARK_CANCELABLE_TWICE);
        assertThat(seen).containsExactly("Ex c0000010", "first"); // the first routine stays the one that runs
    }

    // [R13] FxIoQueue::ForwardRequest → VerifyRequestIsNotCancelable: refused, the driver still owns it
    @Test
    void forwardingACancelableRequestIsRefused_ForwardRequestVerifyRequestIsNotCancelable() {
        AtomicLong status = new AtomicLong();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            WdfQueue other = dev.createQueue(QueueConfig.manual("m"));
            rt.openRequester(dev, "app").read(1);
            WdfRequest x = held.get(0);
            x.markCancelable(c -> c.complete(NtStatus.CANCELLED.code()));
            status.set(x.forwardToQueue(other));
            x.unmarkCancelable();
            x.complete(0); // still the driver's
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.FORWARD_CANCELABLE);
        assertThat(status.get()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
        assertThat(r.of(EventType.REQUEST_COMPLETE)).hasSize(1);
    }

    // wdfrr's own (io-queues-and-requests.md check 17): a request the driver keeps forever never returns
    @Test
    void aRequestNeverCompletedIsReportedAtTheRunsEnd_LeakedRequest() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            holding(dev, new ArrayList<>());
            rt.openRequester(dev, "app").read(1);
        });
        assertThat(r.violations()).containsExactly(Rule.LEAKED_REQUEST);
    }

    // [R15] FxIoTarget::TimerCallback times out only requests sent to an I/O target (wdfrr has none): a request the
    // driver holds has no framework timeout, however long it waits; the driver's own WDFTIMER times it out
    @Test
    void heldRequestHasNoFrameworkTimeoutAndTheDriversTimerCompletesIt_FxIoTargetTimerCallback() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            holding(dev, held);
            WdfRequest req = rt.openRequester(dev, "app").read(1);
            rt.work(5_000 * MS); // five virtual seconds: past the one-second hang limit of wdfrr's waits
            seen.add("held for 5 s, completed: " + req.isCompleted());
            WdfTimer t = rt.createTimer(TimerConfig.oneShot(x -> held.get(0).complete(NtStatus.IO_TIMEOUT.code()))
                    .highResolution(true), ObjectAttributes.parent(dev));
            t.start(MS);
            rt.awaitQuiescent();
            seen.add("after the driver's timer: " + NtStatus.describe(req.completionStatus()));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("held for 5 s, completed: false",
                "after the driver's timer: " + NtStatus.describe(NtStatus.IO_TIMEOUT.code()));
        assertThat(r.of(EventType.REQUEST_COMPLETE)).hasSize(1);
        assertThat(r.of(EventType.REQUEST_CANCEL)).isEmpty();
    }
}
