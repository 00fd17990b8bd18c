package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.RunInfo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by tests: two threads append to one concurrent trace writer, with no lock
 * between them, until the process is killed. Each prints "written T S" after every
 * {@code every}-th event, S being the last sequence number thread T has finished writing.
 */
public final class LaneWritingChild {
    private LaneWritingChild() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long every = Long.parseLong(args[1]);
        TraceWriter writer = TraceWriter.concurrent(dir, false);
        writer.begin(new RunInfo("0.1", "lanes", "child", Map.of(), EngineKind.LIVE, 1, "live", 2, 1, 0, 0, "jvm", "os"));
        long start = System.nanoTime();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                for (long n = 1; ; n++) {
                    long seq = writer.nextSeq();
                    writer.event(seq, System.nanoTime() - start, EventType.ENQUEUE.id(), thread, -1, 0, 7, 0, seq);
                    if (n % every == 0) {
                        System.out.println("written " + thread + " " + seq);
                        System.out.flush();
                    }
                }
            }, "writer-" + t);
            th.start();
        }
    }
}
