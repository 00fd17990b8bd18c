package dev.wdfrr.bench;

import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Live engine: latency from {@code enqueue()} to the start of the work item's callback on an
 * idle system worker, with the in-memory sink and with the Chronicle trace writer, against the
 * same handoff through a bare {@link ThreadPoolExecutor} with idle workers. Both are driven identically: the benchmark thread hands a request to a driver
 * thread, which stamps the time and hands off; the callback/task records the gap in an
 * HdrHistogram and releases the benchmark thread. The histograms (measurement iterations
 * only) are the result; JMH's own round-trip samples include the two extra hops on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", Jvm.O1, Jvm.O2, Jvm.O3, Jvm.O4, Jvm.O5, Jvm.O6, Jvm.E1, Jvm.E2, Jvm.E3, Jvm.E4, Jvm.NO_ANALYTICS})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnqueueLatencyBenchmark {
    @Param({"threadpool", "runtime", "runtime-chronicle"})
    public String handoff;

    private final Histogram measured = new Histogram(3_600_000_000_000L, 3);
    private final Histogram current = new Histogram(3_600_000_000_000L, 3);
    private final SynchronousQueue<Object> requests = new SynchronousQueue<>();
    private final Semaphore done = new Semaphore(0);
    private static final Object STOP = new Object();
    private volatile long startNanos;
    private Thread driver;
    private ThreadPoolExecutor pool;

    @Setup(Level.Trial)
    public void start() {
        if (handoff.startsWith("runtime")) {
            driver = new Thread(this::runRuntime, "bench-runtime");
        } else {
            pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            pool.prestartAllCoreThreads();
            driver = new Thread(this::runPool, "bench-driver");
        }
        driver.start();
    }

    private void record() {
        current.recordValue(System.nanoTime() - startNanos);
        done.release();
    }

    private void runPool() {
        Runnable task = this::record;
        try {
            for (Object r = requests.take(); r != STOP; r = requests.take()) {
                startNanos = System.nanoTime();
                pool.execute(task);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private java.nio.file.Path traceDir;

    private void runRuntime() {
        EventSink sink;
        if (handoff.equals("runtime-chronicle")) {
            traceDir = Files2.tempDir("wdfrr-bench-latency");
            sink = dev.wdfrr.tracer.TraceWriter.create(traceDir.resolve("t"), false);
        } else {
            sink = new RingSink();
        }
        Scenario driverScenario = new Scenario() {
            @Override
            public String id() {
                return "bench-enqueue";
            }

            @Override
            public String description() {
                return "enqueue on request";
            }

            @Override
            public void run(WdfRuntime rt, Parameters p) throws Exception {
                WdfDevice dev = rt.createDevice(DeviceConfig.named("bench"));
                WorkItem<Void> item = rt.createWorkItem(WorkItemConfig.init(i -> record(), false),
                        ObjectAttributes.parent(dev));
                for (Object r = requests.take(); r != STOP; r = requests.take()) {
                    startNanos = System.nanoTime();
                    item.enqueue();
                }
                rt.removeDevice(dev);
            }

            @Override
            public String checkInvariant() {
                return null;
            }
        };
        WdfRunner.run(driverScenario, Parameters.of(driverScenario, java.util.Map.of()), RunConfig.builder()
                .engine(EngineKind.LIVE).workers(2).cpus(2).durationNanos(3_600_000_000_000L).sink(sink).build());
    }

    @Benchmark
    public void enqueueToCallbackStart() throws InterruptedException {
        requests.put(this);
        done.acquire();
    }

    @Setup(Level.Iteration)
    public void resetIteration() {
        current.reset();
    }

    @TearDown(Level.Iteration)
    public void keepMeasured(IterationParams params) {
        if (params.getType() == IterationType.MEASUREMENT) {
            measured.add(current);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        requests.put(STOP);
        driver.join(10_000);
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        LatencyLog.write("enqueue-to-callback-start", handoff, measured);
        Files2.deleteTree(traceDir);
    }
}
