package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.Irql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.wdfrr.tracer.HandTrace.CPU0;
import static dev.wdfrr.tracer.HandTrace.INTERRUPT;
import static dev.wdfrr.tracer.HandTrace.ISR0;
import static dev.wdfrr.tracer.HandTrace.MAIN;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CsvExportTest {
    @TempDir
    Path tmp;

    /** Reads RFC 4180 CSV strictly: CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                assertThat(field).as("a quote opens a field only at its start (offset %d)", i).isEmpty();
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                assertThat(text.charAt(i + 1)).as("CRLF at offset %d", i).isEqualTo('\n');
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else {
                assertThat(c).as("bare LF or text after a closing quote at offset %d", i).isNotEqualTo('\n');
                assertThat(wasQuoted).as("text after a closing quote at offset %d", i).isFalse();
                field.append(c);
            }
            i++;
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(row).as("the last record ends with CRLF").isEmpty();
        return rows;
    }

    record Files2(List<List<String>> events, List<List<String>> spans, CsvExport.Summary summary) {
    }

    Files2 export(Path trace) throws Exception {
        Path events = tmp.resolve("out.csv");
        Path spans = CsvExport.spansPathFor(events);
        CsvExport.Summary summary;
        try (TraceReader r = TraceReader.open(trace)) {
            summary = CsvExport.write(r, events, spans);
        }
        return new Files2(parse(Files.readString(events, StandardCharsets.UTF_8)),
                parse(Files.readString(spans, StandardCharsets.UTF_8)), summary);
    }

    @Test
    void theNicSampleHasOneRowPerEventAndOnePerSpan() throws Exception {
        Path nic = Path.of("..", "traces", "nic");
        Files2 f = export(nic);
        TraceStats stats;
        try (TraceReader r = TraceReader.open(nic)) {
            stats = TraceStats.of(r);
        }
        long spans = 0;
        for (LatencyStage s : LatencyStage.values()) {
            spans += stats.latency(s).count();
        }
        assertThat(f.events().get(0)).containsExactly(CsvExport.EVENTS_HEADER.split(","));
        assertThat(f.spans().get(0)).containsExactly(CsvExport.SPANS_HEADER.split(","));
        assertThat(f.events()).hasSize((int) stats.events() + 1).allSatisfy(row -> assertThat(row).hasSize(11));
        assertThat(f.spans()).hasSize((int) spans + 1).allSatisfy(row -> assertThat(row).hasSize(7));
        assertThat(f.summary()).isEqualTo(new CsvExport.Summary(stats.events(), spans, false));
        assertThat(f.events().get(30)).containsExactly("29", "41800", "isr_start", "isr-0", "0", "DIRQL", "8", "nic-int", "6", "0",
                "'nic-int' (#8)");
        assertThat(f.spans().get(1)).containsExactly("isr_duration", "41800", "42300", "500", "8", "nic-int", "40");
        for (int i = 1; i < f.events().size(); i++) {
            assertThat(f.events().get(i).get(0)).isEqualTo(Integer.toString(i - 1));
        }
    }

    @Test
    void aNameWithACommaAndAQuoteIsQuotedAndDoubled() throws Exception {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        String odd = "rx \"fast\", lane 0";
        t.object(9, odd).ev(EventType.WORKITEM_CREATE, MAIN, Irql.PASSIVE, 9, HandTrace.DEVICE, 0);
        t.at(1_000).ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        t.at(1_500).ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.at(2_000).ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.enqueue(CPU0, Irql.DISPATCH, 9);
        t.at(2_500).ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(3_000).callbackStart(HandTrace.WORKER0, 9, 1);
        t.at(4_000).callbackEnd(HandTrace.WORKER0, 9, 1);
        t.deleteDeviceAndEnd();
        Path trace = t.close();
        Files2 f = export(trace);
        String raw = Files.readString(tmp.resolve("out.csv"));
        assertThat(raw).contains(",\"rx \"\"fast\"\", lane 0\",");
        assertThat(f.events()).filteredOn(row -> row.get(2).equals("enqueue")).singleElement()
                .satisfies(row -> {
                    assertThat(row.get(7)).isEqualTo(odd);
                    assertThat(row.get(10)).isEqualTo("'" + odd + "' (#9) queued");
                });
        assertThat(f.spans()).filteredOn(row -> row.get(0).equals("callback_duration")).singleElement()
                .satisfies(row -> assertThat(row).containsExactly("callback_duration", "3000", "4000", "1000", "9", odd, row.get(6)));
        assertThat(Files.readString(tmp.resolve("out-spans.csv"))).contains("\"rx \"\"fast\"\", lane 0\"");
    }

    @Test
    void theSpansFileIsNamedAfterTheEventsFile() {
        assertThat(CsvExport.spansPathFor(Path.of("out", "run.csv"))).isEqualTo(Path.of("out", "run-spans.csv"));
        assertThat(CsvExport.spansPathFor(Path.of("run.CSV"))).isEqualTo(Path.of("run-spans.csv"));
        assertThat(CsvExport.spansPathFor(Path.of("run"))).isEqualTo(Path.of("run-spans.csv"));
        assertThat(CsvExport.spansPathFor(Path.of("a.csv.bak"))).isEqualTo(Path.of("a.csv.bak-spans.csv"));
    }

    @Test
    void anUnwritableFileIsATraceExceptionNamingIt() {
        Path missingDir = tmp.resolve("no-such-dir").resolve("out.csv");
        try (TraceReader r = TraceReader.open(Path.of("..", "traces", "nic"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvExport.write(r, missingDir, CsvExport.spansPathFor(missingDir)))
                    .isInstanceOf(TraceException.class).hasMessageStartingWith("cannot write " + missingDir);
        }
    }
}
