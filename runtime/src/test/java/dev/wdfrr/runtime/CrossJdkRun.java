package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.concurrent.CountDownLatch;

/**
 * Run in a child JVM by {@link EngineThreadsTest}: prints what a seeded run did, one event per
 * line, so that the parent can compare the runs of two JDKs (and two kinds of threads).
 * {@code events SEED}: the racy scenario's events, then the kind of thread the engine used;
 * {@code stall}: the outcome of a run whose worker blocks outside the runtime.
 */
public final class CrossJdkRun {
    private CrossJdkRun() {
    }

    public static void main(String[] args) {
        if (args[0].equals("events")) {
            for (Event e : events(Long.parseLong(args[1]))) {
                System.out.println(e);
            }
            System.out.println("threads: " + CarrierPool.defaultKind());
        } else if (args[0].equals("pooled-events")) {
            // Through a pool, as the explorer runs: on JDK 24+ with java.lang opened, one carrier per pool.
            try (CarrierPool pool = new CarrierPool("child")) {
                for (int i = 0; i < 3; i++) {
                    java.util.List<Event> events = Scenarios.run(RunConfig.builder().seed(Long.parseLong(args[1])).carriers(pool),
                            DeterministicEngineTest::racy).events();
                    if (i == 2) {
                        events.forEach(System.out::println);
                    }
                }
            }
            System.out.println("threads: " + CarrierPool.defaultKind());
        } else if (args[0].equals("pinned")) {
            System.out.println(pinned().summary());
        } else {
            System.out.println(stalled().summary());
        }
    }

    static java.util.List<Event> events(long seed) {
        return Scenarios.run(RunConfig.builder().seed(seed), DeterministicEngineTest::racy).events();
    }

    /**
     * A thread makes a runtime call inside a class initializer, which pins its virtual thread to
     * its carrier while it waits for its turn; with one carrier, no other thread can run.
     */
    static RunResult pinned() {
        return WdfRunner.run(Scenarios.of(rt -> {
            RuntimeHolder.runtime = rt;
            rt.startThread("pinner", () -> PinsInItsInitializer.touch());
            rt.work(10);
            rt.awaitQuiescent();
        }), RunConfig.builder().stallTimeoutNanos(300_000_000L).build());
    }

    static final class RuntimeHolder {
        static volatile WdfRuntime runtime;
    }

    static final class PinsInItsInitializer {
        static {
            // A scheduling point inside <clinit>, the thread parked there (cannot unmount) until
            // after main's work is due: main's turn needs a carrier.
            RuntimeHolder.runtime.work(50);
        }

        static void touch() {
        }
    }

    static RunResult stalled() {
        CountDownLatch never = new CountDownLatch(1);
        return WdfRunner.run(Scenarios.of(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> never.await()), ObjectAttributes.parent(dev));
            w.enqueue();
            w.flush();
        }), RunConfig.builder().stallTimeoutNanos(300_000_000L).build());
    }
}
