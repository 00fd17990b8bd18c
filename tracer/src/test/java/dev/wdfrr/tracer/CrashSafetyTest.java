package dev.wdfrr.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(180)
class CrashSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void aRecordingKilledWithSigkillLeavesATraceThatOpensReadsEveryCompletedEventAndSaysTruncated() throws Exception {
        Path dir = tmp.resolve("killed");
        long written;
        try (ChildJvm child = new ChildJvm(List.of(), RecordingChild.class, dir.toString(), "60000000000", "1000")) {
            String line = null;
            for (int i = 0; i < 5; i++) {
                String l = child.awaitLine("written ", 60);
                assertThat(l).as("child reported progress").isNotNull();
                line = l;
            }
            child.kill9();
            written = Long.parseLong(line.substring("written ".length()));
        }
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            long expected = 0;
            while (r.next(c)) {
                assertThat(c.seq()).isEqualTo(expected++);
            }
            assertThat(r.lastSeq()).isGreaterThanOrEqualTo(written);
            assertThat(r.truncated()).isTrue();
            assertThat(r.truncationNote()).hasValue("truncated after event " + r.lastSeq() + " (the writer died or is still writing)");
            assertThat(r.header().scenarioId()).isEqualTo("nic");
        }
        try (TraceReader r = TraceReader.open(dir)) {
            TraceStats stats = TraceStats.of(r);
            assertThat(stats.truncated()).isTrue();
            assertThat(stats.outcome()).isNull();
            assertThat(stats.events()).isGreaterThan(written);
        }
    }

    @Test
    void twentyKillsAtRandomMomentsEachLeaveATraceHoldingEveryCompletedEvent() throws Exception {
        java.util.Random random = new java.util.Random(20261127);
        for (int round = 0; round < 20; round++) {
            Path dir = tmp.resolve("kill-" + round);
            int reports = 1 + random.nextInt(12);
            long written = -1;
            try (ChildJvm child = new ChildJvm(List.of(), RecordingChild.class, dir.toString(), "60000000000", "" + (50 + random.nextInt(400)))) {
                for (int i = 0; i < reports; i++) {
                    String l = child.awaitLine("written ", 60);
                    assertThat(l).as("round %d: child reported progress", round).isNotNull();
                    written = Long.parseLong(l.substring("written ".length()));
                }
                child.kill9();
            }
            try (TraceReader r = TraceReader.open(dir)) {
                EventCursor c = new EventCursor();
                long expected = 0;
                while (r.next(c)) {
                    assertThat(c.seq()).isEqualTo(expected++);
                }
                assertThat(r.lastSeq()).as("round %d", round).isGreaterThanOrEqualTo(written);
                assertThat(r.truncated()).isTrue();
            }
        }
    }
}
