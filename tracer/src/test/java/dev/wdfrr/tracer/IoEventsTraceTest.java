package dev.wdfrr.tracer;

import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.wdf.PowerState;
import dev.wdfrr.runtime.wdf.RequestType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The request, queue, PnP, timer and DPC-object events (ids 70-98): typed records and dump lines. */
@Timeout(60)
class IoEventsTraceTest {
    static final int QUEUE = 20;
    static final int REQUEST = 21;
    static final int TIMER = 22;
    static final int REQUESTER = 23;

    @TempDir
    Path tmp;

    @Test
    void requestEventsReadBackAsTypedRecordsWithNamesAndReadableLines() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.object(QUEUE, "echo").create(QUEUE, HandTrace.DEVICE, ObjectKind.QUEUE);
        t.object(REQUEST, "request-21");
        t.object(TIMER, "echo-timer").create(TIMER, QUEUE, ObjectKind.TIMER);
        t.ev(EventType.REQUEST_CREATE, HandTrace.MAIN, Irql.PASSIVE, REQUEST, QUEUE, 512L + ((long) RequestType.WRITE.id() << 32));
        t.ev(EventType.REQUEST_DISPATCH, HandTrace.MAIN, Irql.PASSIVE, REQUEST, QUEUE, CallbackKind.EVT_IO_WRITE.id());
        t.ev(EventType.EVT_CALLBACK_END, HandTrace.MAIN, Irql.PASSIVE, REQUEST, CallbackKind.EVT_IO_WRITE.id(), 0);
        t.ev(EventType.REQUEST_CANCEL, HandTrace.MAIN, Irql.PASSIVE, REQUEST, REQUESTER,
                CancelReason.arg(CancelReason.CANCEL_IO, CancelReason.StateAtCancel.CANCELABLE));
        t.ev(EventType.REQUEST_COMPLETE, HandTrace.CPU0, Irql.DISPATCH, REQUEST, QUEUE, NtStatus.CANCELLED.code() | 7L << 32);
        t.ev(EventType.TIMER_FIRE, HandTrace.CPU0, Irql.DISPATCH, TIMER, 0, 1);
        t.ev(EventType.D0_EXIT, HandTrace.MAIN, Irql.PASSIVE, HandTrace.DEVICE, 0, PowerState.D3_FINAL.id());
        t.ev(EventType.PNP_ARRIVAL, HandTrace.MAIN, Irql.PASSIVE, HandTrace.DEVICE, 0, PnpAction.SURPRISE_REMOVE.id());
        t.ev(EventType.HARDWARE_STATE, HandTrace.MAIN, Irql.PASSIVE, HandTrace.VDEVICE, HandTrace.DEVICE, HardwareState.ABSENT.id());
        Path dir = t.close();

        List<TraceEvent> typed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                if (c.typeId() >= 70) {
                    typed.add(TraceEventDecoder.of(c, r.names()));
                    lines.add(EventFormat.line(c, r.names()));
                }
            }
        }
        assertThat(typed.get(0)).isEqualTo(new TraceEvent.RequestCreate(typed.get(0).seq(), 0, "main", -1, Irql.PASSIVE,
                REQUEST, "request-21", QUEUE, RequestType.WRITE, 512));
        assertThat(typed.get(1)).isInstanceOfSatisfying(TraceEvent.RequestStep.class, s -> {
            assertThat(s.type()).isEqualTo(EventType.REQUEST_DISPATCH);
            assertThat(s.queueName()).isEqualTo("echo");
        });
        assertThat(typed.get(2)).isInstanceOfSatisfying(TraceEvent.DriverCallback.class,
                d -> assertThat(d.kind()).isEqualTo(CallbackKind.EVT_IO_WRITE));
        assertThat(typed.get(3)).isInstanceOfSatisfying(TraceEvent.RequestCancel.class, x -> {
            assertThat(x.reason()).isEqualTo(CancelReason.CANCEL_IO);
            assertThat(x.state()).isEqualTo(CancelReason.StateAtCancel.CANCELABLE);
        });
        assertThat(typed.get(4)).isInstanceOfSatisfying(TraceEvent.RequestComplete.class, x -> {
            assertThat(x.status()).isEqualTo(NtStatus.CANCELLED.code());
            assertThat(x.information()).isEqualTo(7);
        });
        assertThat(typed.get(7)).isInstanceOfSatisfying(TraceEvent.PnpArrival.class,
                x -> assertThat(x.action()).isEqualTo(PnpAction.SURPRISE_REMOVE));
        assertThat(String.join("\n", lines)).contains(
                "request_create   write 'request-21' (#21) length 512 to queue 'echo' (#20)",
                "'request-21' (#21) to EvtIoWrite of 'echo' (#20)",
                "EvtIoWrite of 'request-21' (#21)",
                "by CancelIo while driver-owned, cancelable",
                "STATUS_CANCELLED (0xC0000120) information 7",
                "'echo-timer' (#22) expired, callback queued",
                "'dev0' (#2) to D3_FINAL",
                "surprise remove of 'dev0' (#2)",
                "'hw' (#7) absent");
    }

    @Test
    void everyNewTypeHasAWireNameAndAReadableLine() {
        for (EventType type : EventType.values()) {
            if (type.id() >= 70) {
                assertThat(type.wireName()).matches("[a-z0-9_]+");
                assertThat(EventType.ofName(type.wireName())).isSameAs(type);
                assertThat(EventType.ofId(type.id())).isSameAs(type);
            }
        }
    }
}
