package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.ScenarioThread;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.hw.IoSourceConfig;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.DpcConfig;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDpc;
import dev.wdfrr.runtime.wdf.WdfTimer;
import dev.wdfrr.runtime.wdf.KernelEvent;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDriver;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.random.RandomGenerator;

/**
 * The facade driver code talks to: it wires the core and the components together, bottom up,
 * at start-up, runs the scenario on {@code main}, and hands each call to the component that owns
 * it. It holds no framework state of its own.
 */
public final class WdfRuntimeImpl implements WdfRuntime {
    private final Kernel k;
    private final IrqlRules irql;
    private final Cells cells;
    private final KernelEvents events;
    private final Lifetime lifetime;
    private final Locks locks;
    private final WorkItems workItems;
    private final Cpus cpus;
    private final Interrupts interrupts;
    private final DpcObjects dpcObjects;
    private final Timers timers;
    private final Devices devices;
    private final Requests requests;
    private final IoQueues ioQueues;
    private final Hardware hardware;
    private final PnpPower pnpPower;
    private final IoSources ioSources;
    private final ScenarioThreads threads;

    private WdfRuntimeImpl(Kernel k) {
        this.k = k;
        // Layered by what each needs; each registers its quiescence and shutdown checks with the core.
        this.irql = new IrqlRules(k);
        this.cells = new Cells(k);
        this.events = new KernelEvents(k, irql);
        this.lifetime = new Lifetime(k, irql, new Contexts(k, irql, cells));
        this.locks = new Locks(k, irql, lifetime);
        this.workItems = new WorkItems(k, irql, locks, lifetime);
        this.cpus = new Cpus(k, locks);
        this.interrupts = new Interrupts(k, irql, locks, lifetime, workItems, cpus);
        this.dpcObjects = new DpcObjects(k, irql, locks, lifetime, cpus);
        this.timers = new Timers(k, irql, locks, lifetime, workItems, cpus);
        this.devices = new Devices(k, irql, lifetime, locks, interrupts);
        this.requests = new Requests(k, irql, lifetime);
        QueueLoop loop = new QueueLoop(k, locks, lifetime, workItems, cpus, requests);
        this.ioQueues = new IoQueues(k, irql, lifetime, requests, loop);
        this.hardware = new Hardware(k, lifetime, interrupts);
        this.pnpPower = new PnpPower(k, locks, lifetime, interrupts, ioQueues);
        this.ioSources = new IoSources(k, lifetime, requests, ioQueues);
        devices.wire(ioQueues, pnpPower);
        this.threads = new ScenarioThreads(k);
    }

    /** Runs one scenario to its end; see {@link dev.wdfrr.runtime.WdfRunner}. */
    public static RunResult execute(Scenario scenario, Parameters params, RunConfig config) {
        Kernel k;
        Engine engine;
        if (config.engine() == EngineKind.LIVE) {
            LiveEngine live = new LiveEngine(config);
            k = new Kernel(config, live);
            live.attach(k);
            engine = live;
        } else {
            DeterministicEngine det = new DeterministicEngine(config);
            k = new Kernel(config, det);
            det.attach(k);
            engine = det;
        }
        WdfRuntimeImpl rt = new WdfRuntimeImpl(k);
        EventSink sink = config.sink();
        sink.begin(new RunInfo(Version.get(), scenario.id(), scenario.implementation(), params.asMap(),
                config.engine(), config.seed(),
                config.describeSchedule(),
                config.workers(), config.cpus(), config.durationNanos(), System.currentTimeMillis(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), config.arrivalLimit(),
                scenario.assertionsEnabled(), config.callSites()));
        try {
            rt.bootstrap(scenario, params);
            engine.runToEnd();
        } finally {
            engine.joinThreads();
            sink.close();
        }
        return k.result();
    }

    /** The first events, then main and the system threads, registered in a fixed order (thread ids are traced). */
    private void bootstrap(Scenario scenario, Parameters params) {
        LogicalThread rt = k.runtimeThread();
        lifetime.announce(rt);
        LogicalThread main = k.newThread(rt, "main", ThreadKind.MAIN, -1);
        k.start(main, () -> mainBody(main, scenario, params));
        workItems.startWorkers(rt);
        cpus.startDpcThreads(rt);
        interrupts.startIsrThreads(rt);
        k.startRegistered();
    }

    private void mainBody(LogicalThread t, Scenario scenario, Parameters params) {
        try {
            scenario.run(this, params);
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            k.failure(t, Kernel.kindOf(e), "the scenario threw " + e, e);
            hardware.stopAll(t);
        }
        awaitQuiescent();
        k.runShutdownChecks(t);
        String broken;
        try {
            broken = scenario.checkInvariant();
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            broken = "invariant check threw " + e;
        }
        if (broken != null) {
            k.failure(t, FailureKind.INVARIANT, "invariant of " + scenario.id() + " violated: " + broken, null);
        }
        k.endRun(t);
    }

    // ------------------------------------------------------------------ WdfRuntime

    @Override
    public WdfDriver driver() {
        return lifetime.driver();
    }

    @Override
    public WdfDevice createDevice(DeviceConfig config) {
        return devices.createDevice(config, null);
    }

    @Override
    public WdfDevice createDevice(DeviceConfig config, ObjectAttributes<?> attributes) {
        return devices.createDevice(config, attributes);
    }

    @Override
    public LongCell longCell(String name, long initial) {
        return cells.newLong(name, initial);
    }

    @Override
    public BooleanCell booleanCell(String name, boolean initial) {
        return cells.newBoolean(name, initial);
    }

    @Override
    public <T> RefCell<T> refCell(String name, T initial) {
        return cells.newRef(name, initial);
    }

    @Override
    public KernelEvent createEvent(String name, KernelEvent.Type type, boolean signaled) {
        return events.create(name, type, signaled);
    }

    @Override
    public void removeDevice(WdfDevice device) {
        devices.remove(device);
    }

    @Override
    public <C> WorkItem<C> createWorkItem(WorkItemConfig<C> config, ObjectAttributes<C> attributes) {
        return workItems.create(config, attributes);
    }

    @Override
    public <C> WdfTimer createTimer(TimerConfig config, ObjectAttributes<C> attributes) {
        return timers.create(config, attributes);
    }

    @Override
    public <C> WdfDpc createDpc(DpcConfig config, ObjectAttributes<C> attributes) {
        return dpcObjects.create(config, attributes);
    }

    @Override
    public Requester openRequester(WdfDevice device, String name) {
        return ioSources.open(device, name);
    }

    @Override
    public IoSource createIoSource(IoSourceConfig config) {
        return ioSources.create(config);
    }

    @Override
    public WdfObject createObject(ObjectAttributes<?> attributes) {
        return lifetime.createObject(attributes);
    }

    @Override
    public SpinLock createSpinLock(WdfObject parent, String name) {
        return (SpinLock) locks.create(parent, name, ObjectKind.SPIN_LOCK);
    }

    @Override
    public WaitLock createWaitLock(WdfObject parent, String name) {
        return (WaitLock) locks.create(parent, name, ObjectKind.WAIT_LOCK);
    }

    @Override
    public VirtualDevice createVirtualDevice(VirtualDeviceConfig config) {
        return hardware.create(config);
    }

    @Override
    public ScenarioThread startThread(String name, Runnable body) {
        LogicalThread t = k.current();
        LogicalThread u;
        k.enter(t, EventType.THREAD_START, 0);
        try {
            u = threads.start(t, name, body);
        } finally {
            k.exit(t);
        }
        return new ScenarioThread() {
            @Override
            public String name() {
                return u.name;
            }

            @Override
            public void join() {
                LogicalThread j = k.current();
                k.enter(j, EventType.THREAD_JOIN, u.id);
                try {
                    if (irql.ok(j, Irql.APC, null, "waiting for thread " + u.name)) {
                        k.join(j, u);
                    }
                } finally {
                    k.exit(j);
                }
            }
        };
    }

    @Override
    public long clock() {
        return k.now();
    }

    @Override
    public RandomGenerator random() {
        return k.current().random;
    }

    @Override
    public void work(long nanos) {
        k.engine().work(k.current(), nanos);
    }

    @Override
    public void mark(String text, long value) {
        LogicalThread t = k.current();
        k.enter(t, EventType.MARK, 0);
        try {
            k.emit(t, EventType.MARK, 0, k.intern(t, text), value);
        } finally {
            k.exit(t);
        }
    }

    @Override
    public Irql currentIrql() {
        return irql.current();
    }

    @Override
    public Irql raiseIrql(Irql level) {
        return irql.raise(level);
    }

    @Override
    public void lowerIrql(Irql level) {
        irql.lower(level);
    }

    @Override
    public void awaitQuiescent() {
        k.awaitQuiescent(k.current());
    }

    @Override
    public RunConfig config() {
        return k.config();
    }
}
