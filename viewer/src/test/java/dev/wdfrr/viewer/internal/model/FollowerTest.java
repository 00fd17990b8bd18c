package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.tracer.TraceWriter;
import dev.wdfrr.viewer.TestTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class FollowerTest {
    /** Events this far apart in trace time make the writer commit its batch (Format.BATCH_NANOS is 20 ms). */
    static final long APART = 30_000_000L;

    @TempDir
    Path tmp;

    private long seq;

    private void callback(TraceWriter w, EventType type, long instance) {
        w.event(seq, seq * APART, type.id(), 1, -1, 0, 7, 0, instance);
        seq++;
    }

    @Test
    void newEventsAppearAsTheWriterCommitsThemUntilItsEndMark() {
        Path dir = tmp.resolve("live");
        TraceWriter w = TestTraces.writer(dir);
        try {
            w.name(seq++, 0, 0, NameKind.THREAD, 1, "worker-0");
            callback(w, EventType.CALLBACK_START, 1); // commits the batch: 30 ms after its first event
            TraceLoader.Loaded loaded = TraceLoader.load(dir, TraceLoader.Mode.FOLLOW, TraceLoader.Progress.NONE,
                    new Cancellation());
            Follower f = loaded.follower();
            TraceModel m = loaded.model();
            assertThat(m.eventCount()).isEqualTo(2);
            assertThat(f.finished()).isFalse();
            Lane lane = m.lanes().ofThread(1);
            assertThat(lane.track(Axis.TIME).length(0)).as("open while its end is not written").isEqualTo(-1);

            assertThat(f.poll(1000)).as("nothing new").isZero();
            callback(w, EventType.CALLBACK_END, 1);
            callback(w, EventType.CALLBACK_START, 2); // commits both
            assertThat(f.poll(1000)).isEqualTo(2);
            assertThat(m.eventCount()).isEqualTo(4);
            assertThat(lane.track(Axis.TIME).length(0)).isEqualTo(APART);
            assertThat(lane.track(Axis.TIME).longest(0, lane.spanCount())).isZero();
            assertThat(m.latency().stage(dev.wdfrr.tracer.LatencyStage.CALLBACK_DURATION).count()).isEqualTo(1);

            callback(w, EventType.CALLBACK_END, 2);
            assertThat(f.poll(1000)).as("still in the writer's open batch").isZero();
            w.close();
            assertThat(f.poll(1)).as("polls are bounded").isEqualTo(1);
            assertThat(f.finished()).isFalse();
            assertThat(f.poll(1000)).isZero();
            assertThat(f.finished()).as("the end mark was read").isTrue();
            assertThat(m.complete()).isTrue();
            assertThat(lane.spanCount()).isEqualTo(2);
            assertThat(lane.track(Axis.TIME).length(1)).isEqualTo(APART);
        } finally {
            w.close();
        }
    }

    @Test
    void stoppingReadsWhatADeadWritersOpenBatchHeldAndReportsTruncation() {
        Path dir = tmp.resolve("dead");
        TraceWriter w = TestTraces.writer(dir);
        try {
            w.name(seq++, 0, 0, NameKind.THREAD, 1, "worker-0");
            callback(w, EventType.CALLBACK_START, 1);
            callback(w, EventType.CALLBACK_END, 1); // in the open batch: the writer "dies" before committing it
            TraceLoader.Loaded loaded = TraceLoader.load(dir, TraceLoader.Mode.FOLLOW, TraceLoader.Progress.NONE,
                    new Cancellation());
            assertThat(loaded.model().eventCount()).isEqualTo(2);
            loaded.follower().stop();
            assertThat(loaded.follower().finished()).isTrue();
            assertThat(loaded.model().eventCount()).isEqualTo(3);
            assertThat(loaded.model().complete()).isFalse();
            assertThat(loaded.model().truncationNote()).startsWith("incomplete after event 2"); // its writer is alive
        } finally {
            w.close();
        }
    }

    @Test
    void aCompleteTraceOpenedToFollowIsFinishedAtOnce() {
        TraceLoader.Loaded loaded = TraceLoader.load(TestTraces.known(tmp.resolve("k")), TraceLoader.Mode.FOLLOW,
                TraceLoader.Progress.NONE, new Cancellation());
        assertThat(loaded.follower().finished()).isTrue();
        assertThat(loaded.model().complete()).isTrue();
        assertThat(loaded.model().eventCount()).isEqualTo(TestTraces.EVENTS);
    }
}
