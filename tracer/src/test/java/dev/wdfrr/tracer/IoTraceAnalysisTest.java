package dev.wdfrr.tracer;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.tracer.ChromeTraceChecks.Ev;
import dev.wdfrr.tracer.TraceCheck.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.wdfrr.tracer.HandTrace.CPU0;
import static dev.wdfrr.tracer.HandTrace.DEVICE;
import static dev.wdfrr.tracer.HandTrace.DEVICE_THREAD;
import static dev.wdfrr.tracer.HandTrace.MAIN;
import static dev.wdfrr.tracer.HandTrace.VDEVICE;
import static dev.wdfrr.tracer.HandTrace.WORKER0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tracer makes of the I/O model's events (ids 70-99): the request latency stages and
 * counts of {@code stats}, the request and hardware rules of {@code check}, the request tracks and
 * driver-callback slices of the Perfetto export.
 */
@Timeout(60)
class IoTraceAnalysisTest {
    static final int QUEUE = 20;
    static final int A = 21;
    static final int B = 22;
    static final int C = 23;
    static final int D = 24;

    @TempDir
    Path tmp;

    static HandTrace withQueue(Path dir) {
        HandTrace t = HandTrace.standard(dir);
        t.object(QUEUE, "echo").create(QUEUE, DEVICE, ObjectKind.QUEUE);
        for (int r = A; r <= D; r++) {
            t.object(r, "request-" + r);
        }
        return t;
    }

    static long arrive(HandTrace t, int request, RequestType type, int length) {
        return t.ev(EventType.REQUEST_CREATE, MAIN, Irql.PASSIVE, request, QUEUE, length + ((long) type.id() << 32));
    }

    static long dispatch(HandTrace t, int thread, int request, CallbackKind kind) {
        return t.ev(EventType.REQUEST_DISPATCH, thread, Irql.PASSIVE, request, QUEUE, kind.id());
    }

    static long callbackEnd(HandTrace t, int thread, int object, CallbackKind kind) {
        return t.ev(EventType.EVT_CALLBACK_END, thread, Irql.PASSIVE, object, kind.id(), 0);
    }

    static long complete(HandTrace t, int thread, int request, NtStatus status) {
        return t.ev(EventType.REQUEST_COMPLETE, thread, Irql.PASSIVE, request, QUEUE, status.code());
    }

    /**
     * A: read, dispatched after 500 ns, completed 2,500 ns later; B: cancelled by CancelIo while
     * queued, 600 ns after its arrival; C: never completed; D: an ioctl completed with an error.
     */
    Path fourRequests() {
        HandTrace t = withQueue(tmp.resolve("four"));
        t.at(1_000);
        arrive(t, A, RequestType.READ, 64);
        t.at(1_500);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        callbackEnd(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        t.at(2_000);
        arrive(t, B, RequestType.WRITE, 8);
        t.at(2_600);
        t.ev(EventType.REQUEST_CANCEL, MAIN, Irql.PASSIVE, B, 0, CancelReason.arg(CancelReason.CANCEL_IO, CancelReason.StateAtCancel.WAITING));
        complete(t, MAIN, B, NtStatus.CANCELLED);
        t.at(3_000);
        arrive(t, C, RequestType.READ, 4);
        t.at(4_000);
        complete(t, CPU0, A, NtStatus.SUCCESS);
        t.at(5_000);
        arrive(t, D, RequestType.DEVICE_CONTROL, 0);
        t.at(5_100);
        dispatch(t, WORKER0, D, CallbackKind.EVT_IO_DEVICE_CONTROL);
        complete(t, WORKER0, D, NtStatus.INVALID_DEVICE_REQUEST);
        callbackEnd(t, WORKER0, D, CallbackKind.EVT_IO_DEVICE_CONTROL);
        return t.close();
    }

    @Test
    void requestStagesRunFromArrivalThroughDispatchToCompletionAndCancelledRequestsCountApart() {
        try (TraceReader r = TraceReader.open(fourRequests())) {
            TraceStats s = TraceStats.of(r);
            assertThat(s.requestsCreated()).isEqualTo(4);
            assertThat(s.requestsCompleted()).isEqualTo(3);
            assertThat(s.requestsCancelled()).isEqualTo(1);
            assertThat(s.requestsFailed()).isEqualTo(1);
            assertThat(s.requestsPendingAtEnd()).isEqualTo(1);
            // A (500 ns) and D (100 ns); B was cancelled before any dispatch
            assertThat(s.latency(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH).count()).isEqualTo(2);
            assertThat(s.latency(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH).max()).isEqualTo(500);
            assertThat(s.latency(LatencyStage.REQUEST_DISPATCH_TO_COMPLETE).max()).isEqualTo(2_500);
            assertThat(s.latency(LatencyStage.REQUEST_DISPATCH_TO_COMPLETE).count()).isEqualTo(2);
            assertThat(s.latency(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE).max()).isEqualTo(3_000);
            assertThat(s.latency(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE).count()).isEqualTo(2);
            assertThat(s.latency(LatencyStage.REQUEST_CANCELLED)).isEqualTo(new Percentiles(1, 600, 600, 600, 600, 600));
            // C never completed: unmatched in the arrival stages, not in dispatch -> complete (it was never dispatched)
            assertThat(s.unmatched(LatencyStage.REQUEST_ARRIVAL_TO_DISPATCH)).isEqualTo(1);
            assertThat(s.unmatched(LatencyStage.REQUEST_ARRIVAL_TO_COMPLETE)).isEqualTo(1);
            assertThat(s.unmatched(LatencyStage.REQUEST_DISPATCH_TO_COMPLETE)).isZero();
            assertThat(s.unmatched(LatencyStage.REQUEST_CANCELLED)).isZero();
        }
    }

    // ------------------------------------------------------------------ check

    static Result check(Path dir) {
        return TraceCheckTest.check(dir);
    }

    /** Each request completed once, the trace ended: nothing to report. */
    @Test
    void requestsCompletedOnceAreClean() {
        HandTrace t = withQueue(tmp.resolve("clean"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        complete(t, WORKER0, A, NtStatus.SUCCESS);
        callbackEnd(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        t.deleteDeviceAndEnd();
        assertThat(check(t.close()).findings()).isEmpty();
    }

    // FxRequest::Complete -> VerifyCompleteInternal: "Request has already been completed" (a second completion)
    @Test
    void aSecondCompletionIsRequestCompletedTwice() {
        HandTrace t = withQueue(tmp.resolve("twice"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        complete(t, WORKER0, A, NtStatus.SUCCESS);
        long second = complete(t, CPU0, A, NtStatus.SUCCESS);
        t.deleteDeviceAndEnd();
        TraceCheck.Finding f = TraceCheckTest.single(check(t.close()), Rule.REQUEST_COMPLETED_TWICE, second);
        assertThat(f.message()).contains("'request-21' (#21) completed again on cpu-0");
    }

    // FxRequest::VerifyRequestIsNotCompleted: a request method called after the completion
    @Test
    void aCallOnACompletedRequestIsUseAfterComplete() {
        HandTrace t = withQueue(tmp.resolve("after"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        complete(t, WORKER0, A, NtStatus.SUCCESS);
        long late = t.ev(EventType.REQUEST_MARK_CANCELABLE, WORKER0, Irql.PASSIVE, A, QUEUE, 0);
        t.deleteDeviceAndEnd();
        TraceCheck.Finding f = TraceCheckTest.single(check(t.close()), Rule.USE_AFTER_COMPLETE, late);
        assertThat(f.message()).contains("WdfRequestMarkCancelable of request 'request-21' (#21)");
    }

    // FxRequest::VerifyCompleteInternal: "complete a cancelable request without calling WdfRequestUnmarkCancelable"
    @Test
    void completingACancelableRequestOutsideItsCancelRoutineIsCompleteCancelable() {
        HandTrace t = withQueue(tmp.resolve("cancelable"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        t.ev(EventType.REQUEST_MARK_CANCELABLE, WORKER0, Irql.PASSIVE, A, QUEUE, 1);
        callbackEnd(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        long done = complete(t, CPU0, A, NtStatus.SUCCESS);
        t.deleteDeviceAndEnd();
        TraceCheckTest.single(check(t.close()), Rule.COMPLETE_CANCELABLE, done);
    }

    // FxRequest::VerifyCompleteInternal: allowed once unmarked, or inside EvtRequestCancel (FXREQUEST_FLAG_CANCELLED)
    @Test
    void completingAfterUnmarkingOrInsideTheCancelRoutineIsClean() {
        HandTrace t = withQueue(tmp.resolve("unmarked"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        t.ev(EventType.REQUEST_MARK_CANCELABLE, WORKER0, Irql.PASSIVE, A, QUEUE, 1);
        callbackEnd(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        t.ev(EventType.REQUEST_UNMARK_CANCELABLE, CPU0, Irql.DISPATCH, A, QUEUE, 1);
        complete(t, CPU0, A, NtStatus.SUCCESS);
        arrive(t, B, RequestType.READ, 1);
        dispatch(t, WORKER0, B, CallbackKind.EVT_IO_READ);
        t.ev(EventType.REQUEST_MARK_CANCELABLE, WORKER0, Irql.PASSIVE, B, QUEUE, 1);
        callbackEnd(t, WORKER0, B, CallbackKind.EVT_IO_READ);
        t.ev(EventType.REQUEST_CANCEL, MAIN, Irql.PASSIVE, B, 0, CancelReason.arg(CancelReason.CANCEL_IO, CancelReason.StateAtCancel.CANCELABLE));
        t.ev(EventType.EVT_CALLBACK_START, MAIN, Irql.PASSIVE, B, CallbackKind.EVT_REQUEST_CANCEL.id(), 0);
        complete(t, MAIN, B, NtStatus.CANCELLED);
        callbackEnd(t, MAIN, B, CallbackKind.EVT_REQUEST_CANCEL);
        t.deleteDeviceAndEnd();
        assertThat(check(t.close()).findings()).isEmpty();
    }

    // FxIoQueue / FxDevice removal: a request the driver never completes hangs the removal (checked at the end)
    @Test
    void aRequestNeverCompletedIsALeakedRequestAtTheEnd() {
        HandTrace t = withQueue(tmp.resolve("leak"));
        arrive(t, A, RequestType.READ, 1);
        dispatch(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        callbackEnd(t, WORKER0, A, CallbackKind.EVT_IO_READ);
        long end = t.deleteDeviceAndEnd();
        Result r = check(t.close());
        TraceCheck.Finding f = TraceCheckTest.single(r, Rule.LEAKED_REQUEST, end);
        assertThat(f.object()).isEqualTo(A);
        assertThat(f.message()).contains("request 'request-21' (#21) was never completed");
    }

    /** The device's registers mapped in PrepareHardware, D0 between D0Entry and D0Exit. */
    static void hardware(HandTrace t, HardwareState state) {
        t.ev(EventType.HARDWARE_STATE, MAIN, Irql.PASSIVE, VDEVICE, DEVICE, state.id());
    }

    // FxPkgPnp (the hardware's own rules, pnp-power.md): registers only while mapped, and in D0
    // outside EvtDevicePrepareHardware/ReleaseHardware
    @Test
    void registerAccessesAreCheckedAgainstTheHardwareState() {
        HandTrace t = withQueue(tmp.resolve("hw"));
        t.ev(EventType.THREAD_START, MAIN, Irql.PASSIVE, DEVICE_THREAD, VDEVICE, 0);
        hardware(t, HardwareState.UNMAPPED);
        long unmapped = t.ev(EventType.REG_READ, WORKER0, Irql.PASSIVE, VDEVICE, 0, 0);
        t.ev(EventType.PREPARE_HARDWARE, MAIN, Irql.PASSIVE, DEVICE, 0, 0);
        hardware(t, HardwareState.MAPPED);
        t.ev(EventType.REG_WRITE, MAIN, Irql.PASSIVE, VDEVICE, 1, 0); // inside PrepareHardware: allowed
        callbackEnd(t, MAIN, DEVICE, CallbackKind.PREPARE_HARDWARE);
        long outside = t.ev(EventType.REG_WRITE, WORKER0, Irql.PASSIVE, VDEVICE, 1, 0);
        t.ev(EventType.REG_WRITE, DEVICE_THREAD, Irql.PASSIVE, VDEVICE, 2, 0); // the hardware itself: never checked
        hardware(t, HardwareState.D0);
        t.ev(EventType.REG_READ, WORKER0, Irql.PASSIVE, VDEVICE, 0, 0);
        t.deleteDeviceAndEnd();
        Result r = check(t.close());
        // the hand-made threads write register 1 with nothing ordering them: also a DataRace, not this test's subject
        assertThat(r.findings()).filteredOn(f -> f.rule().startsWith("HardwareAccess"))
                .extracting(TraceCheck.Finding::rule, TraceCheck.Finding::seq).containsExactly(
                org.assertj.core.api.Assertions.tuple(Rule.HARDWARE_ACCESS_UNMAPPED.verifierName(), unmapped),
                org.assertj.core.api.Assertions.tuple(Rule.HARDWARE_ACCESS_OUTSIDE_D0.verifierName(), outside));
    }

    // ------------------------------------------------------------------ Perfetto

    @Test
    void eachRequestIsAnAsyncSliceOnItsQueuesTrackAndEvtIoCallbacksAreSlices() {
        PerfettoExportTest.Export e = PerfettoExportTest.export(fourRequests());
        List<Ev> begins = e.phase("b");
        List<Ev> ends = e.phase("e");
        assertThat(begins).hasSize(4).extracting(Ev::name).containsOnly("requests of echo");
        assertThat(ends).hasSize(4); // C ends unfinished at the last timestamp
        assertThat(ends.stream().filter(x -> Boolean.TRUE.equals(x.args().get("unfinished")))).hasSize(1);
        assertThat(e.summary().unfinishedSlices()).isEqualTo(1);
        assertThat(e.slices("driver_callback")).extracting(Ev::name)
                .containsExactly("EvtIoRead request-21", "EvtIoDeviceControl request-24");
        assertThat(e.phase("i")).extracting(Ev::name).contains("cancel request-22");
    }

    // ------------------------------------------------------------------ CSV

    @Test
    void theCsvExportNamesTheRequestEventsAndHasARowPerRequestSpan() throws Exception {
        Path trace = fourRequests();
        Path events = tmp.resolve("four.csv");
        Path spans = CsvExport.spansPathFor(events);
        try (TraceReader r = TraceReader.open(trace)) {
            CsvExport.write(r, events, spans);
        }
        List<List<String>> rows = CsvExportTest.parse(java.nio.file.Files.readString(events));
        assertThat(rows).filteredOn(row -> row.get(2).equals("request_complete")).hasSize(3)
                .first().satisfies(row -> {
                    assertThat(row.get(7)).isEqualTo("request-22");
                    assertThat(row.get(10)).contains("STATUS_CANCELLED");
                });
        List<List<String>> spanRows = CsvExportTest.parse(java.nio.file.Files.readString(spans));
        assertThat(spanRows).extracting(row -> row.get(0)).contains("request_arrival_to_dispatch",
                "request_dispatch_to_complete", "request_arrival_to_complete", "request_cancelled");
        assertThat(spanRows).filteredOn(row -> row.get(0).equals("request_cancelled")).singleElement()
                .satisfies(row -> assertThat(row.get(3)).isEqualTo("600"));
    }
}
