package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may write a trace directory: one writer at a time (an atomic claim), and {@code --force}
 * (overwrite) replaces only what opens as a wdfrr trace.
 */
@Timeout(120)
class WriterClaimTest {
    @TempDir
    Path tmp;

    private static RunInfo info() {
        return new RunInfo("0.1", "claim", "test", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 0, 0, "jvm", "os");
    }

    private static void write(TraceWriter w, int events) {
        w.begin(info());
        for (int i = 0; i < events; i++) {
            w.event(i, i, EventType.MARK.id(), 0, -1, 0, 0, 0, i);
        }
    }

    private static long count(Path dir) {
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            long n = 0;
            while (r.next(c)) {
                assertThat(c.seq()).isEqualTo(n++);
            }
            assertThat(r.truncated()).isFalse();
            return n;
        }
    }

    @Test
    void aSecondWriterOfADirectoryBeingWrittenIsRefusedEvenWithOverwriteAndTheFirstTraceStaysIntact() {
        Path dir = tmp.resolve("t");
        TraceWriter first = TraceWriter.create(dir, false);
        try {
            write(first, 1000);
            for (boolean overwrite : new boolean[]{false, true}) {
                assertThatThrownBy(() -> TraceWriter.create(dir, overwrite))
                        .isInstanceOf(TraceException.class)
                        .hasMessage(dir + " is being written by another wdfrr writer in this process: choose another directory, "
                                + "or wait until it has finished");
            }
            for (int i = 1000; i < 2000; i++) {
                first.event(i, i, EventType.MARK.id(), 0, -1, 0, 0, 0, i);
            }
        } finally {
            first.close();
        }
        assertThat(count(dir)).isEqualTo(2000);
        TraceWriter again = TraceWriter.create(dir, true); // the claim ended with the close
        write(again, 10);
        again.close();
        assertThat(count(dir)).isEqualTo(10);
    }

    @Test
    void aWriterInAnotherProcessHoldsTheDirectoryUntilItDiesAndThenItCanBeReplaced() throws Exception {
        Path dir = tmp.resolve("child");
        try (ChildJvm child = new ChildJvm(List.of(), RecordingChild.class, dir.toString(), "60000000000", "1000")) {
            assertThat(child.awaitLine("written ", 60)).as("child reported progress").isNotNull();
            assertThatThrownBy(() -> TraceWriter.create(dir, true))
                    .isInstanceOf(TraceException.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(dir.toString())
                            + " is being written by another wdfrr process \\(pid \\d+\\): choose another directory, or wait until it has finished");
            child.kill9();
        }
        try (TraceReader r = TraceReader.open(dir)) {
            assertThat(r.header().scenarioId()).isEqualTo("nic"); // untouched by the refused writer
        }
        TraceWriter w = TraceWriter.create(dir, true); // a killed writer's claim died with it
        write(w, 5);
        w.close();
        assertThat(count(dir)).isEqualTo(5);
    }

    @Test
    void overwriteRefusesChronicleQueuesOfAnotherApplicationAndFilesMerelyNamedLikeThem() throws Exception {
        Path other = tmp.resolve("other-app");
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(other).build();
             ExcerptAppender a = q.createAppender()) {
            a.writeText("an order book, not a trace");
        }
        List<String> before = names(other);
        assertThatThrownBy(() -> TraceWriter.create(other, true))
                .isInstanceOf(TraceException.class)
                .hasMessageStartingWith(other + " does not hold a wdfrr trace (")
                .hasMessageEndingWith("): not replacing it");
        assertThat(names(other)).containsAll(before);

        Path named = tmp.resolve("named");
        Files.createDirectories(named);
        Files.write(named.resolve("20260101F.cq4"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> TraceWriter.create(named, true))
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("does not hold a wdfrr trace");
        assertThat(Files.readAllBytes(named.resolve("20260101F.cq4"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void anEmptyOrRootOutputPathIsRefusedBeforeAnythingIsTouched() {
        for (String p : new String[]{"", ".", "a/..", "/", "/.."}) {
            assertThatThrownBy(() -> TraceWriter.create(Path.of(p), true)).as("'%s'", p)
                    .isInstanceOf(TraceException.class)
                    .hasMessageStartingWith("the output path '" + Path.of(p) + "' is ");
        }
    }

    @Test
    void pathsOverlapWhenOneIsTheOtherOrInsideItSymbolicLinksFollowed() throws Exception {
        Path trace = tmp.resolve("trace");
        Files.createDirectories(trace);
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, trace);
        assertThat(TracePaths.overlap(trace, trace)).isTrue();
        assertThat(TracePaths.overlap(trace.resolve("x.cq4"), trace)).isTrue();
        assertThat(TracePaths.overlap(tmp, trace)).isTrue();
        assertThat(TracePaths.overlap(link.resolve("new/x.json"), trace)).isTrue();
        assertThat(TracePaths.overlap(tmp.resolve("trace2"), trace)).isFalse();
        assertThat(TracePaths.overlap(tmp.resolve("out.json"), trace)).isFalse();
    }

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
