package dev.wdfrr.tracer;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live engine under load, traced: two workers, many enqueues from main, an interrupt storm at
 * the device's top rate whose DPCs enqueue too and create (and their callbacks delete) a work
 * item per use. The trace must account exactly and the run must end. CI runs 100k enqueues;
 * {@code -Dwdfrr.stress.enqueues=1000000} runs the full size.
 */
@Timeout(600)
class StressTest {
    @TempDir
    Path tmp;

    static final class Storm implements Scenario {
        private final long enqueues;

        Storm(long enqueues) {
            this.enqueues = enqueues;
        }

        @Override
        public String id() {
            return "stress";
        }

        @Override
        public String description() {
            return "enqueue storm with interrupts and per-use work items";
        }

        @Override
        public void run(WdfRuntime rt, Parameters p) {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("storm0"));
            WorkItem<Void> a = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("a"));
            WorkItem<Void> b = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("b"));
            WorkItem<Void> fromDpc = rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev).name("dpc"));
            VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("storm", new InterruptSource.Periodic(1),
                    (d, i) -> d.write(VirtualDevice.STATUS, 1)).untilNanos(Long.MAX_VALUE / 2));
            long[] dpcs = {0};
            dev.createInterrupt(InterruptConfig.of("storm-int", hw, in -> {
                if (hw.read(VirtualDevice.STATUS) == 0) {
                    return false;
                }
                hw.write(VirtualDevice.STATUS, 0);
                in.queueDpcForIsr();
                return true;
            }).dpc(in -> {
                fromDpc.enqueue();
                if (dpcs[0]++ % 4 == 0) { // create per use, delete in the callback
                    rt.createWorkItem(WorkItemConfig.init(WorkItem::delete, false), ObjectAttributes.parent(dev)).enqueue();
                }
            }));
            hw.start();
            for (long i = 0; i < enqueues; i++) {
                (i % 2 == 0 ? a : b).enqueue();
            }
            hw.stop();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        }

        @Override
        public String checkInvariant() {
            return null;
        }
    }

    @Test
    void twoWorkersEnqueueStormInterruptStormAndChurnAccountExactly() {
        long enqueues = Long.getLong("wdfrr.stress.enqueues", 100_000);
        Path dir = tmp.resolve("stress");
        Storm storm = new Storm(enqueues);
        RunResult r = WdfRunner.run(storm, Parameters.of(storm, Map.of()), RunConfig.builder().engine(EngineKind.LIVE)
                .workers(2).cpus(2).durationNanos(600_000_000_000L).sink(TraceWriter.create(dir, false)).build());
        assertThat(r.passed()).as(r.summary()).isTrue();

        Map<Integer, long[]> items = new HashMap<>(); // created, queued, starts, ends, deletes, destroys
        long interrupts = 0;
        try (TraceReader reader = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            long expected = 0;
            while (reader.next(c)) {
                assertThat(c.seq()).isEqualTo(expected++);
                EventType t = c.type();
                if (t == EventType.INTERRUPT) {
                    interrupts++;
                }
                int slot = switch (t) {
                    case WORKITEM_CREATE -> 0;
                    case ENQUEUE -> c.arg() == 1 ? 1 : -1;
                    case CALLBACK_START -> 2;
                    case CALLBACK_END -> 3;
                    case DELETE -> 4;
                    case DESTROY -> 5;
                    default -> -1;
                };
                if (slot >= 0) {
                    items.computeIfAbsent(c.object(), k -> new long[6])[slot]++;
                }
            }
            assertThat(reader.truncated()).isFalse();
        }
        long workItems = 0;
        for (long[] n : items.values()) {
            if (n[0] == 1) { // a work item
                workItems++;
                assertThat(n[2]).isEqualTo(n[1]); // every queued enqueue started once
                assertThat(n[3]).isEqualTo(n[1]); // and ended once; coalesced ones never
                assertThat(n[5]).as("every work item destroyed").isEqualTo(1);
            }
        }
        assertThat(workItems).isGreaterThan(3);
        assertThat(interrupts).isPositive();
    }
}
