package dev.wdfrr.tracer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a trace while another process records into it: the reader meets the batch being
 * filled, excerpts being committed and a file being extended. None of that is corruption: a
 * growing trace reads as incomplete up to where it has got, never as corrupt.
 */
@Timeout(180)
class LiveReadTest {
    private static final int READS = Integer.getInteger("wdfrr.liveReads", 40);

    @TempDir
    Path tmp;

    @Test
    void statsOfATraceBeingRecordedNeverSayCorruptOnlyIncomplete() throws Exception {
        Path dir = tmp.resolve("live");
        try (ChildJvm child = new ChildJvm(List.of(), RecordingChild.class, dir.toString(), "600000000000", "5000")) {
            assertThat(child.awaitLine("written ", 60)).as("child reported progress").isNotNull();
            for (int i = 0; i < READS; i++) {
                try (TraceReader r = TraceReader.open(dir)) {
                    TraceStats stats = TraceStats.of(r); // a false "corrupt" throws here
                    assertThat(stats.truncated()).isTrue();
                    assertThat(stats.truncationNote()).as("read %d", i)
                            .isEqualTo("incomplete after event " + r.lastSeq() + " (its writer is still writing it)");
                }
            }
            child.kill9();
        }
        try (TraceReader r = TraceReader.open(dir)) {
            TraceStats.of(r);
            assertThat(r.truncationNote()).hasValue("truncated after event " + r.lastSeq() + " (the writer died or is still writing)");
        }
    }
}
