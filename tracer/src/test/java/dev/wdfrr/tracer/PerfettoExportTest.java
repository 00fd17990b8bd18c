package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.KernelEventKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.tracer.ChromeTraceChecks.Ev;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.wdfrr.tracer.HandTrace.CPU0;
import static dev.wdfrr.tracer.HandTrace.DEVICE_THREAD;
import static dev.wdfrr.tracer.HandTrace.INTERRUPT;
import static dev.wdfrr.tracer.HandTrace.ISR0;
import static dev.wdfrr.tracer.HandTrace.ITEM;
import static dev.wdfrr.tracer.HandTrace.MAIN;
import static dev.wdfrr.tracer.HandTrace.WORKER0;
import static dev.wdfrr.tracer.HandTrace.WORKER1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@Timeout(60)
class PerfettoExportTest {
    @TempDir
    Path tmp;

    record Export(PerfettoExport.Summary summary, String json, List<Ev> events) {
        List<Ev> phase(String ph) {
            return events.stream().filter(e -> e.ph().equals(ph)).toList();
        }

        List<Ev> slices(String cat) {
            return phase("X").stream().filter(e -> cat.equals(e.m().get("cat"))).toList();
        }

        /** The tid whose thread_name is {@code name}. */
        long tid(String name) {
            return events.stream().filter(e -> e.ph().equals("M") && e.name().equals("thread_name")
                    && name.equals(e.args().get("name"))).findFirst().orElseThrow().tid();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> otherData() {
            return (Map<String, Object>) ((Map<String, Object>) MiniJson.parse(json)).get("otherData");
        }
    }

    static Export export(Path trace) {
        StringWriter out = new StringWriter();
        PerfettoExport.Summary summary;
        try (TraceReader r = TraceReader.open(trace)) {
            summary = PerfettoExport.write(r, out);
        }
        String json = out.toString();
        return new Export(summary, json, ChromeTraceChecks.validate(json));
    }

    @Test
    void theNicSampleHasASliceForEveryIsrDpcAndCallbackAndArrowsAlongEachRequest() {
        Export e = export(Path.of("..", "traces", "nic"));
        assertThat(e.slices("isr")).hasSize(39);
        assertThat(e.slices("dpc")).hasSize(39);
        assertThat(e.slices("callback")).hasSize(39);
        assertThat(e.phase("s")).hasSize(78);
        assertThat(e.phase("s")).extracting(Ev::name).containsOnly("interrupt -> DPC", "enqueue -> callback");
        assertThat(e.summary()).isEqualTo(new PerfettoExport.Summary(1218, 117, e.phase("i").size(), 78, 0, false));
        // each CPU's ISRs and DPCs are separate tracks
        assertThat(e.slices("isr")).extracting(Ev::tid).containsOnly(e.tid("isr-0"), e.tid("isr-1"));
        assertThat(e.slices("dpc")).extracting(Ev::tid).containsOnly(e.tid("cpu-0"), e.tid("cpu-1"));
        Ev firstIsr = e.slices("isr").get(0);
        assertThat(e.json()).contains("\"ts\":41.800,\"name\":\"ISR nic-int\",\"cat\":\"isr\",\"dur\":0.500");
        assertThat(firstIsr.args()).containsEntry("start_seq", new BigDecimal(29)).containsEntry("end_seq", new BigDecimal(40));
        assertThat(e.otherData()).containsEntry("scenario", "nic").containsEntry("truncated", false)
                .containsEntry("events", new BigDecimal(1218));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dma", "sensor", "usb-reset", "lost-update-failing", "echo", "toaster", "thermal"})
    void everyOtherSampleTraceExportsValidJson(String name) {
        Export e = export(Path.of("..", "traces", name));
        assertThat(e.phase("X")).isNotEmpty();
        assertThat(e.summary().unfinishedSlices()).isZero();
    }

    @Test
    void buggyScenariosExportValidJsonWithTheirViolationsAsInstants() {
        for (String id : List.of("self-flush-hang", "stale-handle")) {
            for (long seed = 1; seed <= 6; seed++) {
                Path dir = tmp.resolve(id + seed);
                RoundTripTest.record(id, RunConfig.builder().seed(seed), TraceWriter.create(dir, false));
                Export e = export(dir);
                long violations;
                try (TraceReader r = TraceReader.open(dir)) {
                    violations = TraceStats.of(r).violations();
                }
                assertThat(e.phase("i").stream().filter(x -> "violation".equals(x.m().get("cat")))).as(id + seed).hasSize((int) violations);
            }
        }
    }

    /** interrupt -> ISR -> queue DPC -> DPC -> enqueue (queued, then coalesced) -> callback. */
    private Path chainTrace() {
        HandTrace t = HandTrace.standard(tmp.resolve("chain"));
        t.at(1_000).ev(EventType.INTERRUPT, DEVICE_THREAD, Irql.PASSIVE, INTERRUPT, HandTrace.VDEVICE, 0);
        t.ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        t.at(1_200).ev(EventType.DPC_QUEUE, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.at(1_300).ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.at(2_000).ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(2_100).enqueue(CPU0, Irql.DISPATCH, ITEM);
        t.at(2_200).ev(EventType.ENQUEUE, CPU0, Irql.DISPATCH, ITEM, 0, 0);
        t.at(2_500).ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(3_000).callbackStart(WORKER0, ITEM, 1);
        t.at(7_000).callbackEnd(WORKER0, ITEM, 1);
        t.at(8_000).deleteDeviceAndEnd();
        return t.close();
    }

    @Test
    void theRequestChainBecomesFlowArrowsFromSliceToSlice() {
        Export e = export(chainTrace());
        long isr = e.tid("isr-0");
        long cpu = e.tid("cpu-0");
        long worker = e.tid("worker-0");
        assertThat(e.phase("s")).extracting(Ev::name, Ev::tid, Ev::ts).containsExactlyInAnyOrder(
                tuple("interrupt -> DPC", isr, 1_200L),
                tuple("enqueue -> callback", cpu, 2_100L),
                tuple("enqueue -> callback", cpu, 2_200L));
        assertThat(e.phase("f")).extracting(Ev::name, Ev::tid, Ev::ts).containsExactlyInAnyOrder(
                tuple("interrupt -> DPC", cpu, 2_000L),
                tuple("enqueue -> callback", worker, 3_000L),
                tuple("enqueue -> callback", worker, 3_000L));
        assertThat(e.phase("i")).filteredOn(x -> "enqueue".equals(x.m().get("cat")))
                .extracting(Ev::name, x -> x.args().get("queued"))
                .containsExactly(tuple("enqueue w", true), tuple("enqueue w (coalesced)", false));
        assertThat(e.slices("callback")).singleElement().satisfies(cb -> {
            assertThat(cb.ts()).isEqualTo(3_000);
            assertThat(cb.end()).isEqualTo(7_000);
            assertThat(cb.name()).isEqualTo("w #1");
        });
        assertThat(e.json()).contains("\"ts\":1.200,");
        assertThat(e.phase("i")).extracting(Ev::name).contains("interrupt int", "queue DPC int", "delete dev0", "run end: passed");
    }

    /**
     * Kernel events (KeSetEvent, KeWaitForSingleObject): main and worker-0 block on notification
     * event 'ready' until cpu-0's DPC sets it once, waking both; worker-1 then finds it signaled;
     * main times out on synchronization event 'gate'; worker-1 blocks on 'gate' until main sets it
     * outside any slice.
     */
    @Test
    void aKernelEventSetBecomesAnArrowToEachWaitItWoke_KeSetEvent() {
        int ready = 20;
        int gate = 21;
        HandTrace t = HandTrace.standard(tmp.resolve("kevents"));
        t.object(ready, "ready").ev(EventType.KEVENT_CREATE, MAIN, Irql.PASSIVE, ready, HandTrace.DEVICE,
                KernelEventKind.NOTIFICATION.id());
        t.object(gate, "gate").ev(EventType.KEVENT_CREATE, MAIN, Irql.PASSIVE, gate, HandTrace.DEVICE,
                KernelEventKind.SYNCHRONIZATION.id());
        t.at(1_000).ev(EventType.KEVENT_WAIT, MAIN, Irql.PASSIVE, ready, 0, -1);
        t.at(1_100).ev(EventType.KEVENT_WAIT, WORKER0, Irql.PASSIVE, ready, 0, -1);
        t.at(2_000).ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(2_100).ev(EventType.KEVENT_SET, CPU0, Irql.DISPATCH, ready, 1, 2L << 1); // set #1, woke two waits
        t.at(2_500).ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(3_000).ev(EventType.KEVENT_WAKE, WORKER0, Irql.PASSIVE, ready, 1, 0);
        t.at(3_100).ev(EventType.KEVENT_WAKE, MAIN, Irql.PASSIVE, ready, 1, 0);
        t.at(4_000).ev(EventType.KEVENT_WAIT, WORKER1, Irql.PASSIVE, ready, 0, -1);
        t.ev(EventType.KEVENT_WAKE, WORKER1, Irql.PASSIVE, ready, 1, 0); // already signaled: not woken by anyone
        t.at(5_000).ev(EventType.KEVENT_WAIT, MAIN, Irql.PASSIVE, gate, 0, 1_000);
        t.at(6_000).ev(EventType.KEVENT_TIMEOUT, MAIN, Irql.PASSIVE, gate, 0, 0);
        t.at(7_000).ev(EventType.KEVENT_WAIT, WORKER1, Irql.PASSIVE, gate, 0, -1);
        t.at(7_500).ev(EventType.KEVENT_SET, MAIN, Irql.PASSIVE, gate, 1, 1L << 1);
        t.at(8_000).ev(EventType.KEVENT_WAKE, WORKER1, Irql.PASSIVE, gate, 1, 0);
        t.at(9_000).deleteDeviceAndEnd();
        Export e = export(t.close());
        long main = e.tid("main");
        long cpu = e.tid("cpu-0");
        long w0 = e.tid("worker-0");
        long w1 = e.tid("worker-1");
        assertThat(e.slices("kevent")).extracting(Ev::name, Ev::tid, Ev::ts, Ev::end, x -> x.args().get("satisfied"))
                .containsExactlyInAnyOrder(
                        tuple("wait on ready", main, 1_000L, 3_100L, true),
                        tuple("wait on ready", w0, 1_100L, 3_000L, true),
                        tuple("wait on ready", w1, 4_000L, 4_000L, true),
                        tuple("wait on gate", main, 5_000L, 6_000L, false),
                        tuple("wait on gate", w1, 7_000L, 8_000L, true));
        Map<Object, List<Ev>> arrows = e.events().stream().filter(x -> x.ph().equals("s") || x.ph().equals("f"))
                .collect(java.util.stream.Collectors.groupingBy(x -> x.m().get("id")));
        assertThat(arrows.values()).extracting(l -> l.get(0).name()).containsOnly("set -> wait");
        assertThat(arrows.values()).extracting(l -> tuple(l.get(0).tid(), l.get(0).ts(), l.get(1).tid(), l.get(1).ts()))
                .as("from each set to the waits it woke; not to the wait that found the event signaled, nor to a timeout")
                .containsExactlyInAnyOrder(
                        tuple(cpu, 2_100L, w0, 3_000L),
                        tuple(cpu, 2_100L, main, 3_100L),
                        tuple(main, 7_500L, w1, 8_000L));
        assertThat(e.summary().flows()).isEqualTo(3);
        for (Ev start : e.phase("s")) { // the starts come right after the set they leave from
            int i = start.index() - 1;
            while (e.events().get(i).ph().equals("s")) {
                i--;
            }
            Ev before = e.events().get(i);
            assertThat(before.name()).as("before %s", start.m()).startsWith("set ");
            assertThat(before.tid()).isEqualTo(start.tid());
            assertThat(before.ts()).isEqualTo(start.ts());
        }
        for (Ev finish : e.phase("f")) { // the finish right after the wake, inside the wait
            assertThat(e.events().get(finish.index() - 1).name()).startsWith("woken by ");
        }
    }

    @Test
    void aChildStartingWithItsParentIsWrittenAfterItAndEscapesSurviveTheRoundTrip() {
        HandTrace t = HandTrace.standard(tmp.resolve("nested"));
        String odd = "odd \"name\" \\ with\ttab";
        t.object(9, odd).ev(EventType.WORKITEM_CREATE, MAIN, Irql.PASSIVE, 9, HandTrace.DEVICE, 0);
        t.at(1_000).enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.ev(EventType.FLUSH_START, WORKER0, Irql.PASSIVE, 9, 0, 0);
        t.enqueue(WORKER0, Irql.PASSIVE, 9);
        t.ev(EventType.FLUSH_END, WORKER0, Irql.PASSIVE, 9, 0, 1);
        t.violation(WORKER0, Irql.PASSIVE, Rule.FLUSH_FROM_OWN_CALLBACK, ITEM, "made up");
        t.delete(WORKER0, Irql.PASSIVE, ITEM, DeleteState.RUNNING_OWN_CALLBACK);
        t.at(3_000).callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Export e = export(t.close());
        Ev callback = e.slices("callback").get(0);
        Ev flush = e.slices("flush").get(0);
        assertThat(callback.index()).as("the parent comes first in the file").isLessThan(flush.index());
        assertThat(flush.ts()).isEqualTo(callback.ts());
        assertThat(flush.name()).isEqualTo("flush " + odd);
        assertThat(flush.args()).containsEntry("waited", true);
        assertThat(e.phase("i")).filteredOn(x -> "violation".equals(x.m().get("cat"))).singleElement()
                .satisfies(v -> assertThat(v.args()).containsEntry("rule", "FlushFromOwnCallback"));
        assertThat(e.phase("i")).filteredOn(x -> "delete".equals(x.m().get("cat"))).first()
                .satisfies(d -> assertThat(d.args()).containsEntry("state", "running_own_callback"));
    }

    @Test
    void startsWithoutEndsAreClosedAtTheLastTimestampAndEndsWithoutStartsAreOmitted() {
        HandTrace t = HandTrace.standard(tmp.resolve("cut"));
        t.at(500).callbackEnd(WORKER0, ITEM, 7); // its start is not in the trace
        t.at(8_000).ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        t.at(9_000).ev(EventType.REG_READ, ISR0, Irql.DIRQL, HandTrace.VDEVICE, 0, 1);
        Export e = export(t.abandon());
        assertThat(e.slices("callback")).isEmpty();
        assertThat(e.slices("isr")).singleElement().satisfies(isr -> {
            assertThat(isr.ts()).isEqualTo(8_000);
            assertThat(isr.end()).isEqualTo(9_000);
            assertThat(isr.args()).containsEntry("unfinished", true);
        });
        assertThat(e.summary().truncated()).isTrue();
        assertThat(e.summary().unfinishedSlices()).isEqualTo(1);
        assertThat(e.otherData()).containsEntry("truncated", true).containsEntry("unfinished_slices", BigDecimal.ONE);
    }

    @Test
    void writingToAFileGivesTheSameJson() throws Exception {
        Path out = tmp.resolve("nic.json");
        try (TraceReader r = TraceReader.open(Path.of("..", "traces", "nic"))) {
            PerfettoExport.write(r, out);
        }
        assertThat(Files.readString(out)).isEqualTo(export(Path.of("..", "traces", "nic")).json());
    }

    /** The structural checks themselves reject what viewers would choke on. */
    @Test
    void theChecksRejectBrokenFiles() {
        String names = "{\"ph\":\"M\",\"pid\":1,\"tid\":2,\"name\":\"thread_name\",\"args\":{\"name\":\"w\"}}";
        String a = "{\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":1.000,\"dur\":2.000,\"name\":\"a\",\"cat\":\"c\",\"args\":{}}";
        String overlapping = "{\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":2.000,\"dur\":2.000,\"name\":\"b\",\"cat\":\"c\",\"args\":{}}";
        String unnamedTid = "{\"ph\":\"i\",\"pid\":1,\"tid\":3,\"ts\":1.000,\"name\":\"i\",\"cat\":\"c\",\"s\":\"t\"}";
        String lonelyStart = "{\"ph\":\"s\",\"pid\":1,\"tid\":2,\"ts\":1.500,\"name\":\"f\",\"cat\":\"flow\",\"id\":1}";
        String tooFine = "{\"ph\":\"i\",\"pid\":1,\"tid\":2,\"ts\":1.0001,\"name\":\"i\",\"cat\":\"c\",\"s\":\"t\"}";
        java.util.function.Function<String, String> file = ev -> "{\"traceEvents\":[" + names + "," + a + "," + ev + "]}";
        assertThat(ChromeTraceChecks.validate("{\"traceEvents\":[" + names + "," + a + "]}")).hasSize(2);
        assertThatThrownBy(() -> ChromeTraceChecks.validate(file.apply(overlapping))).hasMessageContaining("overlap partially");
        assertThatThrownBy(() -> ChromeTraceChecks.validate(file.apply(unnamedTid))).hasMessageContaining("thread_name");
        assertThatThrownBy(() -> ChromeTraceChecks.validate(file.apply(lonelyStart))).hasMessageContaining("flow 1");
        assertThatThrownBy(() -> ChromeTraceChecks.validate(file.apply(tooFine))).hasMessageContaining("nanosecond");
        assertThatThrownBy(() -> ChromeTraceChecks.validate(file.apply(a).replace("]}", ",]}"))).hasMessageContaining("offset");
    }
}
