package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.viewer.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The I/O model on the timeline: a request span per request_create on its queue's lanes, to its
 * request_complete (cancelled ones flagged), and a span per driver callback on the thread that ran it.
 */
@Timeout(120)
class RequestSpansTest {
    @TempDir
    Path tmp;

    /** What the trace says, read independently of the model: the rows of request and callback events. */
    private record Expected(Map<Integer, Integer> createRow, Map<Integer, Integer> completeRow, Set<Integer> cancelled,
                            List<Integer> callbackStarts, Map<Integer, String> queueNames) {
        static Expected of(Path trace) {
            Expected e = new Expected(new HashMap<>(), new HashMap<>(), new HashSet<>(), new ArrayList<>(), new HashMap<>());
            try (TraceReader r = TraceReader.open(trace)) {
                EventCursor c = new EventCursor();
                while (r.next(c)) {
                    int row = (int) c.seq();
                    EventType t = c.type();
                    if (t == EventType.REQUEST_CREATE) {
                        e.createRow.put(c.object(), row);
                        e.queueNames.put(c.object(), c.related() == 0 ? "requests (no queue)" : "requests of " + r.names().object(c.related()));
                    } else if (t == EventType.REQUEST_COMPLETE) {
                        e.completeRow.put(c.object(), row);
                        if ((c.arg() & 0xFFFFFFFFL) == NtStatus.CANCELLED.code()) {
                            e.cancelled.add(c.object());
                        }
                    } else if (t == EventType.EVT_CALLBACK_START || t == EventType.D0_ENTRY || t == EventType.D0_EXIT
                            || t == EventType.PREPARE_HARDWARE || t == EventType.RELEASE_HARDWARE
                            || t == EventType.SURPRISE_REMOVAL
                            || t == EventType.REQUEST_DISPATCH && c.arg() != CallbackKind.RETRIEVED.id()) {
                        e.callbackStarts.add(row);
                    }
                }
            }
            return e;
        }
    }

    private static List<Integer> spansOf(TraceModel m, SpanKind kind) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < m.spans().count(); s++) {
            if (m.spans().kind(s) == kind) {
                out.add(s);
            }
        }
        return out;
    }

    private static void checkRequests(TraceModel m, Expected e) {
        List<Integer> requests = spansOf(m, SpanKind.REQUEST);
        assertThat(requests).as("one span per request_create").hasSize(e.createRow.size()).isNotEmpty();
        int cancelled = 0;
        for (int s : requests) {
            int request = m.spans().object(s);
            assertThat(m.spans().startRow(s)).as("request %d starts at its arrival", request).isEqualTo(e.createRow.get(request));
            assertThat(m.spans().endRow(s)).as("request %d ends at its completion", request)
                    .isEqualTo(e.completeRow.getOrDefault(request, -1));
            assertThat(m.requestCancelled(s)).as("request %d cancelled", request).isEqualTo(e.cancelled.contains(request));
            cancelled += m.requestCancelled(s) ? 1 : 0;
            Lane lane = m.lanes().get(m.spans().lane(s));
            assertThat(lane.isRequests()).isTrue();
            Lane first = m.lanes().ordered(m.names()).stream()
                    .filter(l -> l.isRequests() && l.queue() == lane.queue() && l.requestRow() == 0).findFirst().orElseThrow();
            assertThat(first.label(m.names())).isEqualTo(e.queueNames.get(request));
        }
        assertThat(cancelled).isEqualTo(e.cancelled.size());
        // rows of a queue never overlap (fewer than MAX_ROWS pending at once in these traces)
        for (int i = 0; i < m.lanes().count(); i++) {
            Lane lane = m.lanes().get(i);
            for (int k = 1; k < lane.spanCount() && lane.isRequests(); k++) {
                int before = lane.spanId(k - 1);
                assertThat(m.spans().endRow(before)).as("lane %d span %d ends before the next starts", i, k)
                        .isBetween(0, m.spans().startRow(lane.spanId(k)));
            }
        }
        List<Lane> ordered = m.lanes().ordered(m.names());
        assertThat(ordered.get(0).isRequests()).as("requests on top").isTrue();
    }

    private static void checkCallbacks(TraceModel m, Expected e) {
        List<Integer> callbacks = spansOf(m, SpanKind.DRIVER_CALLBACK);
        assertThat(callbacks).extracting(s -> m.spans().startRow(s)).as("one span per driver callback start")
                .containsExactlyElementsOf(e.callbackStarts);
        for (int s : callbacks) {
            int start = m.spans().startRow(s);
            Lane lane = m.lanes().get(m.spans().lane(s));
            assertThat(lane.thread()).as("on the thread that ran it").isEqualTo(m.events().thread(start));
            int end = m.spans().endRow(s);
            if (end >= 0) {
                assertThat(m.events().typeId(end)).isEqualTo(EventType.EVT_CALLBACK_END.id());
                assertThat(m.events().object(end)).isEqualTo(m.spans().object(s));
                assertThat(CallbackKind.ofId(m.events().related(end))).isEqualTo(m.callbackKind(s));
            }
        }
    }

    @Test
    void theEchoSampleShowsEveryRequestOnItsQueueAndEveryDriverCallbackOnItsThread() {
        Path echo = TestTraces.sample("echo");
        TraceModel m = TraceLoader.read(echo);
        Expected e = Expected.of(echo);
        checkRequests(m, e);
        checkCallbacks(m, e);
        assertThat(e.cancelled).as("the sample has cancelled requests").isNotEmpty();
        assertThat(spansOf(m, SpanKind.DRIVER_CALLBACK)).extracting(m::callbackKind)
                .contains(CallbackKind.EVT_IO_READ, CallbackKind.EVT_IO_WRITE, CallbackKind.EVT_TIMER_FUNC);
    }

    @Test
    void aFailingCancelRaceShowsItsCancelledRequestAndTheCancelRoutineThatCompletedIt() {
        Path trace = TestTraces.recordFailing("cancel-race", tmp.resolve("cr"));
        TraceModel m = TraceLoader.read(trace);
        Expected e = Expected.of(trace);
        checkRequests(m, e);
        checkCallbacks(m, e);
        List<Integer> cancels = spansOf(m, SpanKind.DRIVER_CALLBACK).stream()
                .filter(s -> m.callbackKind(s) == CallbackKind.EVT_REQUEST_CANCEL).toList();
        assertThat(cancels).as("EvtRequestCancel ran").isNotEmpty();
        for (int s : cancels) {
            int request = m.spans().object(s);
            int req = spansOf(m, SpanKind.REQUEST).stream().filter(r -> m.spans().object(r) == request).findFirst().orElseThrow();
            assertThat(m.spanStart(Axis.STEP, s)).as("the cancel routine runs within its request's life")
                    .isGreaterThan(m.spanStart(Axis.STEP, req));
        }
    }

    /** A request never completed is open to the trace's end; one no queue took has a lane of its own; a span's parent holds events after its nested callback. */
    @Test
    void aPendingRequestIsOpenToTheEndAndADpcGoesOnAfterTheCallbackItRan() {
        Path dir = tmp.resolve("hand");
        try (var w = TestTraces.writer(dir)) {
            long seq = 0;
            w.name(seq++, 0, 0, dev.wdfrr.runtime.event.NameKind.THREAD, 1, "app");
            w.name(seq++, 0, 0, dev.wdfrr.runtime.event.NameKind.THREAD, 2, "cpu-0");
            w.name(seq++, 0, 0, dev.wdfrr.runtime.event.NameKind.OBJECT, 4, "q");
            w.event(seq++, 10, EventType.REQUEST_CREATE.id(), 1, -1, 0, 10, 4, 1L << 32 | 16);
            w.event(seq++, 11, EventType.REQUEST_CREATE.id(), 1, -1, 0, 11, 4, 2L << 32 | 16);
            w.event(seq++, 12, EventType.REQUEST_CREATE.id(), 1, -1, 0, 12, 0, 2L << 32 | 16);
            w.event(seq++, 12, EventType.REQUEST_COMPLETE.id(), 1, -1, 0, 12, 0, 0xC0000010L);
            w.event(seq++, 20, EventType.DPC_START.id(), 2, 0, 2, 7, 0, 0); // row 7
            w.event(seq++, 21, EventType.REQUEST_DISPATCH.id(), 2, 0, 2, 10, 4, CallbackKind.EVT_IO_READ.id());
            w.event(seq++, 22, EventType.REQUEST_COMPLETE.id(), 2, 0, 2, 10, 4, 0);
            w.event(seq++, 23, EventType.EVT_CALLBACK_END.id(), 2, 0, 2, 10, CallbackKind.EVT_IO_READ.id(), 0);
            w.event(seq++, 24, EventType.MARK.id(), 2, 0, 2, 0, 0, 0); // row 11: in the DPC, after the callback
            w.event(seq++, 25, EventType.DPC_END.id(), 2, 0, 2, 7, 0, 0);
            w.event(seq++, 30, EventType.MARK.id(), 1, -1, 0, 0, 0, 0);
        }
        TraceModel m = TraceLoader.read(dir);
        List<Integer> requests = spansOf(m, SpanKind.REQUEST);
        assertThat(requests).extracting(s -> m.spans().object(s)).containsExactly(10, 11, 12);
        int pending = requests.get(1);
        assertThat(m.spans().endRow(pending)).isEqualTo(-1);
        assertThat(m.spanEnd(Axis.STEP, pending)).as("open to the end").isEqualTo(m.steps().count());
        assertThat(m.spanEnd(Axis.TIME, pending)).isEqualTo(30);
        assertThat(m.lanes().get(m.spans().lane(pending)).requestRow()).as("10 was pending: a second row").isEqualTo(1);
        Lane none = m.lanes().get(m.spans().lane(requests.get(2)));
        assertThat(none.queue()).isZero();
        assertThat(none.label(m.names())).isEqualTo("requests (no queue)");
        assertThat(m.requestStatus(requests.get(2))).isEqualTo(0xC0000010L);
        assertThat(m.requestCancelled(requests.get(2))).isFalse();
        int read = spansOf(m, SpanKind.DRIVER_CALLBACK).get(0);
        int dpc = spansOf(m, SpanKind.DPC).get(0);
        assertThat(m.spans().parent(read)).isEqualTo(dpc);
        assertThat(m.spanOfEvent(9)).as("the completion inside EvtIoRead").isEqualTo(read);
        assertThat(m.spanOfEvent(11)).as("after EvtIoRead returned, the DPC").isEqualTo(dpc);
    }
}
