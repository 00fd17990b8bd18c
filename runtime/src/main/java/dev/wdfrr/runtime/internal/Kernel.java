package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.BugCheckException;
import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.VerifierViolationException;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;
import dev.wdfrr.runtime.wdf.WaitLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfDriver;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Owns every piece of framework state and implements every runtime call. Each call follows the
 * same shape: {@code engine.enter} (a scheduling point, then exclusive access), check IRQL and
 * handle state, change state and emit its event together, {@code engine.exit}. Driver code
 * (callbacks, ISRs, DPCs, cleanup) is only ever called outside enter/exit.
 */
public final class Kernel implements WdfRuntime {
    private final RunConfig config;
    private final Engine engine;
    private final EventSink sink;
    /** Per kernel, not static: several runs may share a JVM (parallel tests). */
    private final ThreadLocal<LogicalThread> currentThread = new ThreadLocal<>();

    private long seq;
    /** Set once the sink has thrown; nothing more is handed to it. */
    private Throwable sinkFailure;
    private int nextObjectId = 1;
    private int nextThreadId;
    private int nextStringId;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<String, Integer> threadNames = new HashMap<>();

    private final LogicalThread runtimeThread;
    private final DriverImpl driver;
    private final CpuState[] cpus;
    private final ArrayDeque<Object> workQueue = new ArrayDeque<>();
    private final ArrayList<WorkItemImpl> workItems = new ArrayList<>();
    private final ArrayList<VirtualDeviceImpl> virtualDevices = new ArrayList<>();
    private final ArrayList<LogicalThread> userThreads = new ArrayList<>();
    private final ArrayList<ObjectImpl> pendingDisposals = new ArrayList<>();
    /** ISRs, DPCs, callbacks and dispose tasks in flight. */
    private int busy;
    private int roundRobin;

    private final List<String> violations = new ArrayList<>();
    private FailureKind firstFailure;
    private String firstFailureMessage;
    private Throwable firstFailureCause;

    /** Per-CPU queues: interrupts waiting for the ISR, DPCs waiting to run. */
    static final class CpuState {
        final int index;
        final ArrayDeque<InterruptImpl> isrQueue = new ArrayDeque<>();
        final ArrayDeque<InterruptImpl> dpcQueue = new ArrayDeque<>();
        /** An ISR is running on this CPU: at DIRQL it masks DISPATCH, so no DPC starts here meanwhile. */
        boolean isrActive;

        CpuState(int index) {
            this.index = index;
        }
    }

    /** A disposal handed to a system worker because it was deferred (DISPATCH, or own callback). */
    record DisposeTask(ObjectImpl target) {
    }

    private Kernel(RunConfig config, Engine engine) {
        this.config = config;
        this.engine = engine;
        this.sink = config.sink();
        this.runtimeThread = new LogicalThread(nextThreadId++, "runtime", ThreadKind.RUNTIME, -1, config.seed());
        this.cpus = new CpuState[config.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new CpuState(i);
        }
        this.driver = new DriverImpl(this, nextObjectId++);
    }

    // ------------------------------------------------------------------ run lifecycle

    /** Runs one scenario to its end; see {@link dev.wdfrr.runtime.WdfRunner}. */
    public static RunResult execute(Scenario scenario, Parameters params, RunConfig config) {
        Engine engine;
        if (config.engine() == EngineKind.LIVE) {
            engine = new LiveEngine(config);
        } else {
            engine = new DeterministicEngine(config);
        }
        Kernel k = new Kernel(config, engine);
        if (engine instanceof LiveEngine live) {
            live.attach(k);
        } else {
            ((DeterministicEngine) engine).attach(k);
        }
        EventSink sink = config.sink();
        sink.begin(new RunInfo(Version.get(), scenario.id(), scenario.implementation(), params.asMap(),
                config.engine(), config.seed(),
                config.engine() == EngineKind.LIVE ? "live" : config.strategy().describe(),
                config.workers(), config.cpus(), config.durationNanos(), System.currentTimeMillis(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), config.arrivalLimit()));
        try {
            k.bootstrap(scenario, params);
            engine.runToEnd();
        } finally {
            engine.joinThreads();
            sink.close();
        }
        return k.result();
    }

    private void bootstrap(Scenario scenario, Parameters params) {
        LogicalThread rt = runtimeThread;
        name(rt, NameKind.THREAD, rt.id, rt.name);
        nameObject(rt, driver.id, driver.name);
        emit(rt, EventType.OBJECT_CREATE, driver.id, 0, ObjectKind.DRIVER.id());
        LogicalThread main = newThread(rt, "main", ThreadKind.MAIN, -1);
        List<Runnable> starts = new ArrayList<>();
        starts.add(() -> engine.start(main, bind(main, () -> mainBody(main, scenario, params))));
        for (int i = 0; i < config.workers(); i++) {
            LogicalThread w = newThread(rt, "worker-" + i, ThreadKind.WORKER, -1);
            starts.add(() -> engine.start(w, bind(w, () -> workerLoop(w))));
        }
        for (CpuState cpu : cpus) {
            LogicalThread c = newThread(rt, "cpu-" + cpu.index, ThreadKind.CPU, cpu.index);
            starts.add(() -> engine.start(c, bind(c, () -> dpcLoop(c, cpu))));
        }
        for (CpuState cpu : cpus) {
            LogicalThread c = newThread(rt, "isr-" + cpu.index, ThreadKind.ISR, cpu.index);
            starts.add(() -> engine.start(c, bind(c, () -> isrLoop(c, cpu))));
        }
        starts.forEach(Runnable::run);
    }

    private Runnable bind(LogicalThread t, Runnable body) {
        return () -> {
            currentThread.set(t);
            try {
                body.run();
            } finally {
                currentThread.remove();
            }
        };
    }

    private void mainBody(LogicalThread t, Scenario scenario, Parameters params) {
        try {
            scenario.run(this, params);
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            failure(t, kindOf(e), "the scenario threw " + e, e);
            stopAllDevices(t);
        }
        awaitQuiescent();
        shutdownChecks(t);
        String broken;
        try {
            broken = scenario.checkInvariant();
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            broken = "invariant check threw " + e;
        }
        if (broken != null) {
            failure(t, FailureKind.INVARIANT, "invariant of " + scenario.id() + " violated: " + broken, null);
        }
        engine.enter(t, EventType.RUN_END, 0);
        try {
            emit(t, EventType.RUN_END, 0, 0, outcome().id());
            engine.mainEnded();
        } finally {
            engine.exit(t);
        }
    }

    private FailureKind outcome() {
        if (firstFailure != null) {
            return firstFailure;
        }
        return violations.isEmpty() ? FailureKind.NONE : FailureKind.VIOLATION;
    }

    private RunResult result() {
        FailureKind kind = outcome();
        String message = switch (kind) {
            case NONE -> "passed";
            case VIOLATION -> violations.get(0);
            default -> firstFailureMessage;
        };
        return new RunResult(kind, message, violations, seq, engine.steps(), engine.now(), firstFailureCause);
    }

    /** Called by an engine, with exclusive access, when it ends a run early. */
    void engineStopped(LogicalThread t, FailureKind kind, String message) {
        // The engine's verdict belongs to no thread of the run: a replay reaches it the same way.
        LogicalThread who = runtimeThread;
        recordFailure(who, kind, message, null);
        emit(who, EventType.RUN_END, 0, 0, outcome().id());
    }

    private void shutdownChecks(LogicalThread t) {
        engine.enter(t, EventType.VIOLATION, 0);
        try {
            for (WorkItemImpl w : workItems) {
                if (!w.dead) {
                    violation(t, Rule.LEAKED_WORK_ITEM, w, w.describe()
                            + " was neither deleted nor reached by its parent's deletion at shutdown (state: "
                            + WorkItemImpl.stateText(w) + ")");
                }
            }
        } catch (VerifierViolationException e) {
            // reported and traced; shutdown goes on
        } finally {
            engine.exit(t);
        }
    }

    // ------------------------------------------------------------------ threads and events

    LogicalThread current() {
        LogicalThread t = currentThread.get();
        if (t == null) {
            throw new IllegalStateException("not a runtime thread: call the runtime from the scenario's "
                    + "main thread, threads it started, or callbacks");
        }
        return t;
    }

    private LogicalThread newThread(LogicalThread creator, String wanted, ThreadKind kind, int cpu) {
        String name = wanted;
        int n = threadNames.merge(wanted, 1, Integer::sum);
        if (n > 1) {
            name = wanted + "-" + n;
        }
        LogicalThread t = new LogicalThread(nextThreadId++, name, kind, cpu, config.seed());
        name(creator, NameKind.THREAD, t.id, name);
        return t;
    }

    private void emit(LogicalThread t, EventType type, int object, int related, long arg) {
        long s = seq++;
        if (sinkFailure == null) {
            try {
                sink.event(s, engine.now(), type.id(), t.id, t.cpu, t.irql.ordinal(), object, related, arg);
            } catch (RuntimeException | Error e) {
                sinkFailed(e);
            }
        }
    }

    private void name(LogicalThread t, NameKind kind, int id, String text) {
        long s = seq++;
        if (sinkFailure == null) {
            try {
                sink.name(s, engine.now(), t.id, kind, id, text);
            } catch (RuntimeException | Error e) {
                sinkFailed(e);
            }
        }
    }

    /**
     * The sink threw (a full disk, a replay checker that could not read): the run cannot be
     * recorded any more, so it stops at the next scheduling point. Kernel state stays
     * consistent because the event was the last step of the operation.
     */
    private void sinkFailed(Throwable e) {
        sinkFailure = e;
        if (firstFailure == null) {
            firstFailure = FailureKind.EXCEPTION;
            firstFailureMessage = "the event sink failed: " + e;
            firstFailureCause = e;
        }
        engine.requestStop(FailureKind.EXCEPTION, firstFailureMessage);
    }

    private void nameObject(LogicalThread t, int id, String name) {
        name(t, NameKind.OBJECT, id, name);
    }

    /** The id of a string, writing its name event the first time. */
    private int intern(LogicalThread t, String text) {
        Integer id = strings.get(text);
        if (id == null) {
            id = ++nextStringId;
            strings.put(text, id);
            name(t, NameKind.STRING, id, text);
        }
        return id;
    }

    /** Reports a violation (with the kernel held); throws if the run asks for that. */
    private void violation(LogicalThread t, Rule rule, ObjectImpl object, String message) {
        violation(t, rule, object == null ? 0 : object.id, message);
    }

    private void violation(LogicalThread t, Rule rule, int objectId, String message) {
        String full = rule.verifierName() + ": " + message;
        int text = intern(t, full);
        emit(t, EventType.VIOLATION, objectId, text, rule.id());
        violations.add(full);
        if (config.throwOnViolation()) {
            throw new VerifierViolationException(rule, full);
        }
    }

    private boolean irqlOk(LogicalThread t, Irql max, ObjectImpl object, String call) {
        if (!t.irql.above(max)) {
            return true;
        }
        violation(t, Rule.KMDF_IRQL, object, call + " called at " + t.irql + (object == null ? "" : " on " + object.describe())
                + "; its maximum is " + max + " (the call is not carried out)");
        return false;
    }

    /** For fast paths that found a problem without entering: enter, check, report. */
    void checkIrqlAlone(LogicalThread t, Irql max, ObjectImpl object, String call) {
        engine.enter(t, EventType.VIOLATION, object.id);
        try {
            irqlOk(t, max, object, call);
        } finally {
            engine.exit(t);
        }
    }

    void useAfterDelete(WorkItemImpl w, String what) {
        LogicalThread t = current();
        engine.enter(t, EventType.VIOLATION, w.id);
        try {
            useAfterDeleteLocked(t, w, what);
        } finally {
            engine.exit(t);
        }
    }

    private void useAfterDeleteLocked(LogicalThread t, WorkItemImpl w, String call) {
        violation(t, Rule.USE_AFTER_DELETE, w, call + " on " + w.describe() + " after it was deleted (state: "
                + WorkItemImpl.stateText(w) + ")");
        if (w.destroyed) {
            throw new BugCheckException(call + " on the freed handle of " + w.describe()
                    + ": the kernel would bug check here");
        }
    }

    private void recordFailure(LogicalThread t, FailureKind kind, String message, Throwable cause) {
        int text = intern(t, message);
        emit(t, EventType.FAILURE, 0, text, kind.id());
        if (firstFailure == null) {
            firstFailure = kind;
            firstFailureMessage = message;
            firstFailureCause = cause;
        }
    }

    private void failure(LogicalThread t, FailureKind kind, String message, Throwable cause) {
        engine.enter(t, EventType.FAILURE, 0);
        try {
            recordFailure(t, kind, message, cause);
        } finally {
            engine.exit(t);
        }
    }

    private static FailureKind kindOf(Throwable e) {
        return e instanceof VerifierViolationException ? FailureKind.VIOLATION : FailureKind.EXCEPTION;
    }

    /** Runs driver code; an exception fails the run but not the thread that called it. */
    private boolean invoke(LogicalThread t, String what, DriverCode code) {
        try {
            return code.run();
        } catch (EngineStopped e) {
            throw e;
        } catch (Throwable e) {
            failure(t, kindOf(e), "exception in " + what + " on " + t.name + ": " + e, e);
            return false;
        }
    }

    @FunctionalInterface
    private interface DriverCode {
        boolean run() throws Exception;
    }

    // ------------------------------------------------------------------ object creation

    @Override
    public WdfDriver driver() {
        return driver;
    }

    private ObjectImpl parentOrDriver(WdfObject parent) {
        if (parent == null) {
            return driver;
        }
        if (!(parent instanceof ObjectImpl o) || o.kernel != this) {
            throw new IllegalArgumentException("parent " + parent + " does not belong to this runtime");
        }
        return o;
    }

    @Override
    public WdfDevice createDevice(DeviceConfig config) {
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irqlOk(t, Irql.PASSIVE, null, "WdfDeviceCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfDeviceCreate above PASSIVE");
            }
            int id = nextObjectId++;
            int lockId = nextObjectId++;
            DeviceImpl d = new DeviceImpl(this, id, driver, config, lockId);
            driver.children.add(d);
            nameObject(t, id, d.name);
            nameObject(t, lockId, d.callbackLock.name);
            emit(t, EventType.OBJECT_CREATE, id, driver.id, ObjectKind.DEVICE.id());
            return d;
        } finally {
            engine.exit(t);
        }
    }

    WdfQueue createQueue(DeviceImpl device, QueueConfig config) {
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!irqlOk(t, Irql.DISPATCH, device, "WdfIoQueueCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfIoQueueCreate above DISPATCH");
            }
            requireAlive(device, "WdfIoQueueCreate");
            int id = nextObjectId++;
            int lockId = nextObjectId++;
            QueueImpl q = new QueueImpl(this, id, device, config, lockId);
            device.children.add(q);
            nameObject(t, id, q.name);
            nameObject(t, lockId, q.callbackLock.name);
            emit(t, EventType.OBJECT_CREATE, id, device.id, ObjectKind.QUEUE.id());
            return q;
        } finally {
            engine.exit(t);
        }
    }

    private static void requireAlive(ObjectImpl parent, String call) {
        if (parent.dead) {
            throw new WdfException(NtStatus.DELETE_PENDING, call + ": parent " + parent.describe() + " is deleted");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> WorkItem<C> createWorkItem(WorkItemConfig<C> config, ObjectAttributes<C> attributes) {
        LogicalThread t = current();
        engine.enter(t, EventType.WORKITEM_CREATE, 0);
        try {
            if (!irqlOk(t, Irql.DISPATCH, null, "WdfWorkItemCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfWorkItemCreate called at " + t.irql);
            }
            if (config == null || config.callback() == null) {
                throw new WdfException(NtStatus.INVALID_PARAMETER,
                        "WdfWorkItemCreate: invalid parameter: the config has no EvtWorkItem callback");
            }
            if (attributes == null || attributes.parent() == null) {
                throw new WdfException(NtStatus.WDF_PARENT_NOT_SPECIFIED,
                        "WdfWorkItemCreate: parent not specified: a work item needs a parent object");
            }
            ObjectImpl parent = parentOrDriver(attributes.parent());
            requireAlive(parent, "WdfWorkItemCreate");
            if (parent.deviceAncestor() == null) {
                throw new WdfException(NtStatus.INVALID_DEVICE_REQUEST, "WdfWorkItemCreate: invalid device request: parent "
                        + parent.describe() + " has no device among its ancestors");
            }
            LockState lock = config.automaticSerialization() ? serializationLock(t, parent) : null;
            Object context = newContext(attributes.contextType());
            int id = nextObjectId++;
            String name = attributes.name() != null ? attributes.name() : "workitem-" + id;
            WorkItemImpl w = new WorkItemImpl(this, id, name, parent, config.callback(), lock, attributes, context);
            parent.children.add(w);
            workItems.add(w);
            nameObject(t, id, name);
            emit(t, EventType.WORKITEM_CREATE, id, parent.id, lock != null ? 1 : 0);
            return (WorkItem<C>) (WorkItem<?>) w;
        } finally {
            engine.exit(t);
        }
    }

    /**
     * The callback lock automatic serialization takes, found on the nearest device or queue; null
     * when its scope is None. A scope whose execution level is not Passive fails the create.
     */
    private LockState serializationLock(LogicalThread t, ObjectImpl parent) {
        ObjectImpl owner = parent.nearestDeviceOrQueue();
        SyncScope scope;
        ExecutionLevel level;
        LockState lock;
        if (owner instanceof QueueImpl q) {
            scope = q.effectiveScope();
            level = q.effectiveLevel();
            lock = scope == SyncScope.DEVICE ? q.device.callbackLock : q.callbackLock;
        } else {
            DeviceImpl d = (DeviceImpl) owner;
            scope = d.effectiveScope();
            level = d.effectiveLevel();
            lock = d.callbackLock;
        }
        if (scope == SyncScope.NONE) {
            return null;
        }
        if (level != ExecutionLevel.PASSIVE) {
            String message = "automatic serialization under " + owner.describe() + " with synchronization scope "
                    + scope + " needs execution level PASSIVE, but it is " + level
                    + " (create fails: incompatible execution level)";
            violation(t, Rule.INCOMPATIBLE_EXECUTION_LEVEL, owner, message);
            throw new WdfException(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL, "WdfWorkItemCreate: " + message);
        }
        return lock;
    }

    private static Object newContext(Class<?> type) {
        if (type == null || type == Void.class) {
            return null;
        }
        try {
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "context type " + type.getName()
                    + " needs a no-argument constructor (" + e + ")");
        }
    }

    @Override
    public WdfObject createObject(ObjectAttributes<?> attributes) {
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irqlOk(t, Irql.DISPATCH, null, "WdfObjectCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfObjectCreate above DISPATCH");
            }
            ObjectImpl parent = parentOrDriver(attributes == null ? null : attributes.parent());
            requireAlive(parent, "WdfObjectCreate");
            int id = nextObjectId++;
            String name = attributes != null && attributes.name() != null ? attributes.name() : "object-" + id;
            ObjectImpl o = new ObjectImpl(this, id, name, ObjectKind.GENERIC, parent,
                    attributes == null ? null : attributes.cleanup(), attributes == null ? null : attributes.destroy());
            parent.children.add(o);
            nameObject(t, id, name);
            emit(t, EventType.OBJECT_CREATE, id, parent.id, ObjectKind.GENERIC.id());
            return o;
        } finally {
            engine.exit(t);
        }
    }

    @Override
    public SpinLock createSpinLock(WdfObject parent, String name) {
        return (SpinLock) createLock(parent, name, ObjectKind.SPIN_LOCK);
    }

    @Override
    public WaitLock createWaitLock(WdfObject parent, String name) {
        return (WaitLock) createLock(parent, name, ObjectKind.WAIT_LOCK);
    }

    private ObjectImpl createLock(WdfObject parentObject, String name, ObjectKind kind) {
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            if (!irqlOk(t, Irql.DISPATCH, null, kind == ObjectKind.SPIN_LOCK ? "WdfSpinLockCreate" : "WdfWaitLockCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "lock create above DISPATCH");
            }
            ObjectImpl parent = parentOrDriver(parentObject);
            requireAlive(parent, "lock create");
            int id = nextObjectId++;
            String n = name != null ? name : (kind == ObjectKind.SPIN_LOCK ? "spinlock-" : "waitlock-") + id;
            ObjectImpl lock = kind == ObjectKind.SPIN_LOCK ? new SpinLockImpl(this, id, n, parent)
                    : new WaitLockImpl(this, id, n, parent);
            parent.children.add(lock);
            nameObject(t, id, n);
            emit(t, EventType.OBJECT_CREATE, id, parent.id, kind.id());
            return lock;
        } finally {
            engine.exit(t);
        }
    }

    @Override
    public VirtualDevice createVirtualDevice(VirtualDeviceConfig vc) {
        if (vc.maxArrivals() < 0 && vc.untilNanos() < 0) {
            throw new ConfigurationException("virtual device '" + vc.name()
                    + "' needs a bound on its arrivals: maxArrivals or untilNanos");
        }
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            int id = nextObjectId++;
            VirtualDeviceImpl d = new VirtualDeviceImpl(this, id, vc, virtualDevices.size());
            virtualDevices.add(d);
            nameObject(t, id, d.name);
            emit(t, EventType.OBJECT_CREATE, id, 0, ObjectKind.VIRTUAL_DEVICE.id());
            for (String fifoName : vc.fifos()) {
                int fid = nextObjectId++;
                d.fifos.add(new FifoImpl(this, fid, fifoName));
                nameObject(t, fid, d.name + "." + fifoName);
                emit(t, EventType.OBJECT_CREATE, fid, id, ObjectKind.FIFO.id());
            }
            return d;
        } finally {
            engine.exit(t);
        }
    }

    WdfInterrupt createInterrupt(DeviceImpl device, InterruptConfig ic) {
        LogicalThread t = current();
        engine.enter(t, EventType.OBJECT_CREATE, device.id);
        try {
            if (!irqlOk(t, Irql.PASSIVE, device, "WdfInterruptCreate")) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "WdfInterruptCreate above PASSIVE");
            }
            requireAlive(device, "WdfInterruptCreate");
            if (!(ic.hardware() instanceof VirtualDeviceImpl hw) || hw.kernel != this) {
                throw new IllegalArgumentException("interrupt hardware must be a virtual device of this runtime");
            }
            if (hw.interrupt != null && !hw.interrupt.dead) {
                throw new WdfException(NtStatus.INVALID_DEVICE_STATE, "virtual device " + hw.describe()
                        + " is already connected to " + hw.interrupt.describe());
            }
            if (ic.passiveHandling() && ic.workItem() == null) {
                throw new WdfException(NtStatus.INVALID_PARAMETER, "a passive-level interrupt needs a work item callback");
            }
            int id = nextObjectId++;
            InterruptImpl in = new InterruptImpl(this, id, device, ic);
            device.children.add(in);
            hw.interrupt = in;
            nameObject(t, id, in.name);
            emit(t, EventType.OBJECT_CREATE, id, device.id, ObjectKind.INTERRUPT.id());
            if (ic.workItem() != null) {
                int wid = nextObjectId++;
                String wname = in.name + ".workitem";
                WorkItemImpl w = new WorkItemImpl(this, wid, wname, in, ic.workItem(), null,
                        ObjectAttributes.parent(in), null);
                in.children.add(w);
                in.workItem = w;
                workItems.add(w);
                nameObject(t, wid, wname);
                emit(t, EventType.WORKITEM_CREATE, wid, id, 0);
            }
            return in;
        } finally {
            engine.exit(t);
        }
    }

    // ------------------------------------------------------------------ work items

    boolean enqueue(WorkItemImpl w) {
        LogicalThread t = current();
        engine.enter(t, EventType.ENQUEUE, w.id);
        try {
            if (!irqlOk(t, Irql.DISPATCH, w, "WdfWorkItemEnqueue")) {
                return false;
            }
            return enqueueLocked(t, w, 0, "WdfWorkItemEnqueue");
        } finally {
            engine.exit(t);
        }
    }

    private boolean enqueueLocked(LogicalThread t, WorkItemImpl w, int related, String call) {
        if (w.dead) {
            useAfterDeleteLocked(t, w, call);
            return false;
        }
        boolean queued = !w.queued;
        if (queued) {
            w.queued = true;
            workQueue.add(w);
        }
        emit(t, EventType.ENQUEUE, w.id, related, queued ? 1 : 0);
        return queued;
    }

    void flush(WorkItemImpl w) {
        LogicalThread t = current();
        engine.enter(t, EventType.FLUSH_START, w.id);
        try {
            if (!irqlOk(t, Irql.PASSIVE, w, "WdfWorkItemFlush")) {
                return;
            }
            if (w.dead) {
                useAfterDeleteLocked(t, w, "WdfWorkItemFlush");
                return;
            }
            emit(t, EventType.FLUSH_START, w.id, 0, 0);
            if (w.runsOn(t)) {
                if (w.latestThread == t) {
                    violation(t, Rule.FLUSH_FROM_OWN_CALLBACK, w, "WdfWorkItemFlush called from the callback of "
                            + w.describe() + " on " + t.name + ": waiting would lead to deadlock, so it returns at once (state: "
                            + WorkItemImpl.stateText(w) + ")");
                } else {
                    violation(t, Rule.DELETE_WAITS_ON_ITSELF, w, "WdfWorkItemFlush of " + w.describe() + " from its instance on "
                            + t.name + " would wait on itself: a later instance started on " + w.latestThread.name
                            + ", so the framework does not detect it and hangs (state: " + WorkItemImpl.stateText(w) + ")");
                }
                emit(t, EventType.FLUSH_END, w.id, 0, 0);
                return;
            }
            boolean waited = !w.idle();
            if (waited) {
                engine.await(t, Wait.of(w::idle, () -> "flush of " + w.describe() + " ("
                        + WorkItemImpl.stateText(w) + ")"), -1);
            }
            emit(t, EventType.FLUSH_END, w.id, 0, waited ? 1 : 0);
        } finally {
            engine.exit(t);
        }
    }

    void delete(ObjectImpl o) {
        LogicalThread t = current();
        engine.enter(t, EventType.DELETE, o.id);
        boolean disposeNow = false;
        try {
            if (!irqlOk(t, Irql.DISPATCH, o, "WdfObjectDelete")) {
                return;
            }
            if (o instanceof WorkItemImpl w) {
                disposeNow = deleteWorkItemLocked(t, w);
            } else {
                disposeNow = deleteTreeLocked(t, o);
            }
        } finally {
            engine.exit(t);
        }
        if (disposeNow) {
            dispose(t, o);
        }
    }

    /** @return true when the caller must dispose the item now */
    private boolean deleteWorkItemLocked(LogicalThread t, WorkItemImpl w) {
        if (w.dead) {
            useAfterDeleteLocked(t, w, "WdfObjectDelete");
            return false;
        }
        DeleteState state = w.stateFor(t);
        boolean deferred = t.irql == Irql.DISPATCH;
        w.dead = true;
        emit(t, EventType.DELETE, w.id, 0, state.id() | (deferred ? DeleteState.DEFERRED_FLAG : 0));
        if (state == DeleteState.RUNNING_OWN_CALLBACK && w.latestThread != t) {
            violation(t, Rule.DELETE_WAITS_ON_ITSELF, w, "WdfObjectDelete of " + w.describe() + " from its instance on "
                    + t.name + " would wait on itself: a later instance started on " + w.latestThread.name
                    + ", so the framework waits for its own caller and hangs (state: " + WorkItemImpl.stateText(w) + ")");
        }
        if (deferred || state == DeleteState.RUNNING_OWN_CALLBACK) {
            w.disposal = WorkItemImpl.Disposal.ON_IDLE;
            pendingDisposals.add(w);
            queueReadyDisposals();
            return false;
        }
        w.disposal = WorkItemImpl.Disposal.WAITER;
        if (state != DeleteState.IDLE) {
            engine.await(t, Wait.of(w::idle, () -> "delete of " + w.describe() + " ("
                    + WorkItemImpl.stateText(w) + ")"), -1);
        }
        return true;
    }

    /** Deletes a non-work-item object and its subtree. @return true when the caller disposes now */
    private boolean deleteTreeLocked(LogicalThread t, ObjectImpl o) {
        if (o.dead) {
            violation(t, Rule.USE_AFTER_DELETE, o, "WdfObjectDelete on " + o.describe() + " after it was deleted");
            return false;
        }
        markDead(o);
        WorkItemImpl own = null;
        for (WorkItemImpl w : subtreeItems(o, new ArrayList<>())) {
            if (w.runsOn(t)) {
                own = w;
            }
        }
        boolean deferred = t.irql == Irql.DISPATCH || own != null || t.frame != null && t.kind != ThreadKind.WORKER;
        emit(t, EventType.DELETE, o.id, 0, DeleteState.IDLE.id() | (deferred ? DeleteState.DEFERRED_FLAG : 0));
        if (own != null) {
            violation(t, Rule.DELETE_WAITS_ON_ITSELF, o, "deletion of " + o.describe() + " from the callback of its child "
                    + own.describe() + " on " + t.name + " would wait on itself");
        }
        if (deferred) {
            pendingDisposals.add(o);
            queueReadyDisposals();
            return false;
        }
        engine.await(t, Wait.of(() -> subtreeQuiet(o), () -> "deletion of " + o.describe() + " waiting for "
                + firstBusy(o)), -1);
        return true;
    }

    private void markDead(ObjectImpl o) {
        o.dead = true;
        if (o instanceof InterruptImpl in) {
            if (in.hardware.interrupt == in) {
                in.hardware.interrupt = null; // disconnected: the hardware raises nothing more
            }
            for (CpuState c : cpus) {
                c.isrQueue.removeIf(pending -> pending == in); // raised but never serviced: dropped
            }
            in.isrPending = 0;
        }
        for (ObjectImpl c : o.children) {
            markDead(c);
        }
    }

    private static List<WorkItemImpl> subtreeItems(ObjectImpl o, List<WorkItemImpl> out) {
        if (o instanceof WorkItemImpl w) {
            out.add(w);
        }
        for (ObjectImpl c : o.children) {
            subtreeItems(c, out);
        }
        return out;
    }

    private static boolean subtreeQuiet(ObjectImpl o) {
        if (o instanceof WorkItemImpl w && !w.idle()) {
            return false;
        }
        if (o instanceof InterruptImpl in && !in.quiet()) {
            return false;
        }
        for (ObjectImpl c : o.children) {
            if (!subtreeQuiet(c)) {
                return false;
            }
        }
        return true;
    }

    private static String firstBusy(ObjectImpl o) {
        if (o instanceof WorkItemImpl w && !w.idle()) {
            return w.describe() + " (" + WorkItemImpl.stateText(w) + ")";
        }
        if (o instanceof InterruptImpl in && !in.quiet()) {
            return "the ISR/DPC of " + in.describe();
        }
        for (ObjectImpl c : o.children) {
            String b = firstBusy(c);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Hands every deferred disposal whose subtree went quiet to the system workers. */
    private void queueReadyDisposals() {
        for (int i = 0; i < pendingDisposals.size(); i++) {
            ObjectImpl o = pendingDisposals.get(i);
            if (subtreeQuiet(o)) {
                pendingDisposals.remove(i--);
                if (o instanceof WorkItemImpl w) {
                    w.disposal = WorkItemImpl.Disposal.TASK_QUEUED;
                }
                workQueue.add(new DisposeTask(o));
            }
        }
    }

    /**
     * Cleanup then destroy, children before parent: every descendant's cleanup, then every
     * descendant's destroy, then the object's own cleanup and destroy. Each step is traced
     * before its callback runs.
     */
    private void dispose(LogicalThread t, ObjectImpl root) {
        List<ObjectImpl> order = new ArrayList<>();
        engine.enter(t, EventType.CLEANUP, root.id);
        try {
            collectForDisposal(root, order);
        } finally {
            engine.exit(t);
        }
        for (ObjectImpl o : order) {
            if (o != root) {
                runDisposeStep(t, o, EventType.CLEANUP, o.cleanup);
            }
        }
        for (ObjectImpl o : order) {
            if (o != root) {
                runDisposeStep(t, o, EventType.DESTROY, o.destroy);
            }
        }
        runDisposeStep(t, root, EventType.CLEANUP, root.cleanup);
        runDisposeStep(t, root, EventType.DESTROY, root.destroy);
    }

    /** Post-order, skipping objects someone else already disposes or disposed. */
    private void collectForDisposal(ObjectImpl o, List<ObjectImpl> out) {
        if (o.destroyed || o.disposing) {
            return;
        }
        o.disposing = true;
        for (ObjectImpl c : new ArrayList<>(o.children)) {
            collectForDisposal(c, out);
        }
        out.add(o);
    }

    private void runDisposeStep(LogicalThread t, ObjectImpl o, EventType step, dev.wdfrr.runtime.wdf.ObjectCallback callback) {
        if (!o.disposing) {
            return;
        }
        Irql saved;
        engine.enter(t, step, o.id);
        try {
            emit(t, step, o.id, 0, 0);
            saved = t.irql;
            t.irql = Irql.PASSIVE;
            if (step == EventType.DESTROY) {
                o.destroyed = true;
                if (o.parent != null) {
                    o.parent.children.remove(o);
                }
                if (o instanceof WorkItemImpl w) {
                    w.disposal = WorkItemImpl.Disposal.DONE;
                    workItems.remove(w); // gone: nothing left to leak, and churn must not grow the list
                }
            }
        } finally {
            engine.exit(t);
        }
        if (callback != null) {
            invoke(t, (step == EventType.CLEANUP ? "cleanup callback of " : "destroy callback of ") + o.describe(), () -> {
                callback.run(o);
                return true;
            });
        }
        t.irql = saved;
    }

    // ------------------------------------------------------------------ system threads

    /** What idle workers wait for; shared, so that one enqueue wakes one worker. */
    private final Wait workAvailable = new Wait() {
        @Override
        public boolean ready() {
            return !workQueue.isEmpty();
        }

        @Override
        public String describe() {
            return "work";
        }

        @Override
        public boolean idle() {
            return true;
        }

        @Override
        public int wakeLimit() {
            return workQueue.size();
        }
    };

    private void workerLoop(LogicalThread t) {
        Wait work = workAvailable;
        for (;;) {
            Object task;
            WorkItemImpl w = null;
            int instance = 0;
            engine.enter(t, EventType.CALLBACK_START, 0);
            try {
                engine.await(t, work, -1);
                task = workQueue.poll();
                busy++;
                if (task instanceof WorkItemImpl item) {
                    w = item;
                    w.queued = false; // cleared before the callback: it may re-enqueue itself
                    w.running++;
                    w.runningThreads.add(t);
                    instance = ++w.instances;
                    if (w.serializationLock != null) {
                        acquireCallbackLock(t, w, w.serializationLock);
                    }
                    w.latestThread = t;
                    t.irql = Irql.PASSIVE;
                    t.frame = new LogicalThread.Frame(t.frame, w, "callback of " + w.describe(), t.held.size());
                    emit(t, EventType.CALLBACK_START, w.id, 0, instance);
                } else {
                    emit(t, EventType.DISPOSE_START, ((DisposeTask) task).target().id, 0, 0);
                }
            } finally {
                engine.exit(t);
            }
            if (w == null) {
                ObjectImpl target = ((DisposeTask) task).target();
                dispose(t, target);
                engine.enter(t, EventType.DISPOSE_END, target.id);
                try {
                    busy--;
                    emit(t, EventType.DISPOSE_END, target.id, 0, 0);
                    queueReadyDisposals();
                } finally {
                    engine.exit(t);
                }
                continue;
            }
            WorkItemImpl item = w;
            invoke(t, "callback of " + item.describe(), () -> {
                item.callback.run(item);
                return true;
            });
            engine.enter(t, EventType.CALLBACK_END, w.id);
            try {
                releaseHeldAtReturn(t);
                if (w.serializationLock != null) {
                    w.serializationLock.owner = null;
                    emit(t, EventType.LOCK_RELEASE, w.serializationLock.id, 0, LockKind.CALLBACK.id());
                }
                w.running--;
                w.runningThreads.remove(t);
                t.frame = t.frame.outer;
                busy--;
                emit(t, EventType.CALLBACK_END, w.id, 0, instance);
                queueReadyDisposals();
            } finally {
                engine.exit(t);
            }
        }
    }

    private void acquireCallbackLock(LogicalThread t, WorkItemImpl w, LockState lock) {
        if (!lock.free()) {
            // The item is already off the queue: say so now, so that no state changes unseen.
            emit(t, EventType.CALLBACK_WAIT, w.id, lock.id, 0);
            engine.await(t, Wait.of(lock::free, () -> lock.describe() + " held by " + lock.owner), -1);
        }
        lock.owner = t;
        emit(t, EventType.LOCK_ACQUIRE, lock.id, 0, LockKind.CALLBACK.id());
    }

    private void isrLoop(LogicalThread t, CpuState cpu) {
        // An interrupt is taken off the queue only once its lock is free: the ISR starts (and is
        // traced) in the same step, so no state changes unseen while it waits for the lock.
        Wait interrupts = Wait.idle(() -> !cpu.isrQueue.isEmpty() && cpu.isrQueue.peek().lock.free(), "interrupts");
        for (;;) {
            InterruptImpl in;
            engine.enter(t, EventType.ISR_START, 0);
            try {
                engine.await(t, interrupts, -1);
                in = cpu.isrQueue.poll();
                LockState lock = in.lock;
                in.isrPending--;
                in.isrRunning = true;
                cpu.isrActive = !in.config.passiveHandling();
                busy++;
                lock.owner = t;
                t.irql = in.config.passiveHandling() ? Irql.PASSIVE : Irql.DIRQL;
                t.frame = new LogicalThread.Frame(null, null, "ISR of " + in.describe(), t.held.size());
                emit(t, EventType.ISR_START, in.id, in.hardware.id, 0);
            } finally {
                engine.exit(t);
            }
            InterruptImpl target = in;
            boolean claimed = invoke(t, "ISR of " + in.describe(), () -> target.config.isr().service(target));
            engine.enter(t, EventType.ISR_END, in.id);
            try {
                releaseHeldAtReturn(t);
                in.lock.owner = null;
                in.isrRunning = false;
                cpu.isrActive = false;
                busy--;
                t.frame = null;
                emit(t, EventType.ISR_END, in.id, 0, claimed ? 1 : 0);
                t.irql = Irql.PASSIVE;
                queueReadyDisposals();
            } finally {
                engine.exit(t);
            }
        }
    }

    private void dpcLoop(LogicalThread t, CpuState cpu) {
        Wait dpcs = Wait.idle(() -> !cpu.dpcQueue.isEmpty() && !cpu.isrActive, "DPCs");
        for (;;) {
            InterruptImpl in;
            engine.enter(t, EventType.DPC_START, 0);
            try {
                engine.await(t, dpcs, -1);
                in = cpu.dpcQueue.poll();
                in.dpcQueued = false;
                in.dpcRunning++;
                busy++;
                t.irql = Irql.DISPATCH;
                t.frame = new LogicalThread.Frame(null, null, "DPC of " + in.describe(), t.held.size());
                emit(t, EventType.DPC_START, in.id, 0, 0);
            } finally {
                engine.exit(t);
            }
            InterruptImpl target = in;
            invoke(t, "DPC of " + in.describe(), () -> {
                target.config.dpc().run(target);
                return true;
            });
            engine.enter(t, EventType.DPC_END, in.id);
            try {
                releaseHeldAtReturn(t);
                in.dpcRunning--;
                busy--;
                t.frame = null;
                emit(t, EventType.DPC_END, in.id, 0, 0);
                t.irql = Irql.PASSIVE;
                queueReadyDisposals();
            } finally {
                engine.exit(t);
            }
        }
    }

    private void deviceLoop(LogicalThread t, VirtualDeviceImpl d) {
        var arrivals = d.arrivalsSequence();
        long max = d.config.maxArrivals();
        if (config.arrivalLimit() >= 0) {
            max = max < 0 ? config.arrivalLimit() : Math.min(max, config.arrivalLimit());
        }
        long until = d.config.untilNanos();
        try {
            for (long i = 0; max < 0 || i < max; i++) {
                long at = arrivals.next();
                if (at < 0 || until >= 0 && at > until) {
                    break;
                }
                engine.sleepUntil(t, at);
                engine.enter(t, EventType.ARRIVAL, d.id);
                try {
                    if (d.stopRequested) {
                        break;
                    }
                    d.arrivals++;
                    emit(t, EventType.ARRIVAL, d.id, 0, i);
                } finally {
                    engine.exit(t);
                }
                long index = i;
                invoke(t, "hardware model of " + d.describe(), () -> {
                    d.config.model().onArrival(d, index);
                    return true;
                });
                engine.enter(t, EventType.INTERRUPT, d.id);
                try {
                    // Traced either way: whether the line was raised depends on state other threads change.
                    if (!raiseIfPending(t, d)) {
                        emit(t, EventType.INTERRUPT_MASKED, d.id, 0, d.registers[VirtualDevice.STATUS]);
                    }
                } finally {
                    engine.exit(t);
                }
            }
        } finally {
            if (!engine.stopped()) {
                engine.enter(t, EventType.THREAD_END, t.id);
                try {
                    d.finished = true;
                    emit(t, EventType.THREAD_END, t.id, d.id, d.arrivals);
                } finally {
                    engine.exit(t);
                }
            }
        }
    }

    /** Raises the connected interrupt when status is pending and interrupts are enabled; says whether it did. */
    private boolean raiseIfPending(LogicalThread t, VirtualDeviceImpl d) {
        InterruptImpl in = d.interrupt;
        if (in == null || d.registers[VirtualDevice.STATUS] == 0 || d.registers[VirtualDevice.INTERRUPT_ENABLE] == 0) {
            return false;
        }
        int target = d.config.targetCpu();
        int cpu = target >= 0 ? target % cpus.length : roundRobin++ % cpus.length;
        cpus[cpu].isrQueue.add(in);
        in.isrPending++;
        emit(t, EventType.INTERRUPT, in.id, d.id, cpu);
        return true;
    }

    void startDevice(VirtualDeviceImpl d) {
        LogicalThread t = current();
        LogicalThread dt;
        engine.enter(t, EventType.THREAD_START, d.id);
        try {
            if (d.started) {
                throw new IllegalStateException(d.describe() + " was already started");
            }
            d.started = true;
            dt = newThread(t, d.index == 0 ? "device" : "device-" + d.index, ThreadKind.DEVICE, -1);
            emit(t, EventType.THREAD_START, dt.id, d.id, 0);
            engine.start(dt, bind(dt, () -> deviceLoop(dt, d)));
        } finally {
            engine.exit(t);
        }
    }

    void stopDevice(VirtualDeviceImpl d) {
        LogicalThread t = current();
        engine.enter(t, EventType.DEVICE_STOP, d.id);
        try {
            stopDeviceLocked(t, d);
        } finally {
            engine.exit(t);
        }
    }

    private void stopDeviceLocked(LogicalThread t, VirtualDeviceImpl d) {
        if (!d.stopRequested) {
            d.stopRequested = true;
            if (!d.started) {
                d.finished = true;
            }
            emit(t, EventType.DEVICE_STOP, d.id, 0, d.arrivals);
        }
    }

    private void stopAllDevices(LogicalThread t) {
        engine.enter(t, EventType.DEVICE_STOP, 0);
        try {
            for (VirtualDeviceImpl d : virtualDevices) {
                stopDeviceLocked(t, d);
            }
        } finally {
            engine.exit(t);
        }
    }

    // ------------------------------------------------------------------ interrupts, DPCs, hardware

    boolean queueDpc(InterruptImpl in) {
        LogicalThread t = current();
        engine.enter(t, EventType.DPC_QUEUE, in.id);
        try {
            if (in.config.dpc() == null) {
                throw new IllegalStateException(in.describe() + " has no DPC configured");
            }
            if (in.dead) {
                return false;
            }
            boolean queued = !in.dpcQueued;
            if (queued) {
                in.dpcQueued = true;
                cpus[t.cpu >= 0 ? t.cpu : 0].dpcQueue.add(in);
            }
            emit(t, EventType.DPC_QUEUE, in.id, 0, queued ? 1 : 0);
            return queued;
        } finally {
            engine.exit(t);
        }
    }

    boolean queueWorkItemForIsr(InterruptImpl in) {
        LogicalThread t = current();
        WorkItemImpl w = in.workItem;
        if (w == null) {
            throw new IllegalStateException(in.describe() + " has no work item configured");
        }
        engine.enter(t, EventType.ENQUEUE, w.id);
        try {
            return enqueueLocked(t, w, in.id, "WdfInterruptQueueWorkItemForIsr");
        } finally {
            engine.exit(t);
        }
    }

    long readRegister(VirtualDeviceImpl d, int register) {
        LogicalThread t = current();
        engine.enter(t, EventType.REG_READ, d.id);
        try {
            checkRegister(d, register);
            long v = d.registers[register];
            emit(t, EventType.REG_READ, d.id, register, v);
            return v;
        } finally {
            engine.exit(t);
        }
    }

    void writeRegister(VirtualDeviceImpl d, int register, long value) {
        LogicalThread t = current();
        engine.enter(t, EventType.REG_WRITE, d.id);
        try {
            checkRegister(d, register);
            long old = d.registers[register];
            d.registers[register] = value;
            emit(t, EventType.REG_WRITE, d.id, register, value);
            if (register == VirtualDevice.INTERRUPT_ENABLE && old == 0 && value != 0 && t.kind != ThreadKind.DEVICE) {
                raiseIfPending(t, d);
            }
        } finally {
            engine.exit(t);
        }
    }

    private static void checkRegister(VirtualDeviceImpl d, int register) {
        if (register < 0 || register >= d.registers.length) {
            throw new IllegalArgumentException(d.describe() + " has no register " + register
                    + " (registers: " + d.registerNames + ")");
        }
    }

    void fifoPush(FifoImpl f, long value) {
        LogicalThread t = current();
        engine.enter(t, EventType.FIFO_PUSH, f.id);
        try {
            f.add(value);
            emit(t, EventType.FIFO_PUSH, f.id, 0, value);
        } finally {
            engine.exit(t);
        }
    }

    long fifoPop(FifoImpl f) {
        LogicalThread t = current();
        engine.enter(t, EventType.FIFO_POP, f.id);
        try {
            long v = f.remove();
            emit(t, EventType.FIFO_POP, f.id, 0, v);
            return v;
        } finally {
            engine.exit(t);
        }
    }

    // ------------------------------------------------------------------ locks

    void acquireSpin(SpinLockImpl s) {
        LogicalThread t = current();
        LockState lock = s.state;
        engine.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            if (!irqlOk(t, Irql.DISPATCH, s, "WdfSpinLockAcquire")) {
                return;
            }
            if (lock.owner == t) {
                violation(t, Rule.WDF_SPINLOCK, s, "WdfSpinLockAcquire of " + lock.describe()
                        + " already held by " + t.name + ": acquire and release must alternate (it would spin forever)");
                return;
            }
            engine.await(t, Wait.of(lock::free, () -> lock.describe() + " held by " + lock.owner), -1);
            take(t, lock, Irql.DISPATCH);
        } finally {
            engine.exit(t);
        }
    }

    boolean acquireWait(WaitLockImpl w, LockState lock, long timeoutNanos) {
        LogicalThread t = current();
        engine.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            Irql max = timeoutNanos == 0 ? Irql.APC : Irql.PASSIVE;
            if (!irqlOk(t, max, w, "WdfWaitLockAcquire")) {
                return false;
            }
            if (lock.owner == t) {
                violation(t, Rule.WDF_WAITLOCK, w, "WdfWaitLockAcquire of " + lock.describe()
                        + " already held by " + t.name + ": acquire and release must alternate (it would wait forever)");
                return false;
            }
            if (!lock.free()) {
                boolean got = timeoutNanos != 0 && engine.await(t, Wait.of(lock::free,
                        () -> lock.describe() + " held by " + lock.owner),
                        timeoutNanos < 0 ? -1 : engine.now() + timeoutNanos);
                if (!got) {
                    emit(t, EventType.LOCK_TIMEOUT, lock.id, 0, LockKind.WAIT.id());
                    return false;
                }
            }
            take(t, lock, t.irql);
            return true;
        } finally {
            engine.exit(t);
        }
    }

    void acquireInterruptLock(InterruptImpl in) {
        LogicalThread t = current();
        LockState lock = in.lock;
        engine.enter(t, EventType.LOCK_ACQUIRE, lock.id);
        try {
            boolean passive = in.config.passiveHandling();
            if (passive && !irqlOk(t, Irql.PASSIVE, in, "WdfInterruptAcquireLock (passive-level interrupt)")) {
                return;
            }
            if (lock.owner == t) {
                violation(t, Rule.WDF_INTERRUPT_LOCK, in, "WdfInterruptAcquireLock of " + lock.describe()
                        + " already held by " + t.name + ": the interrupt lock is not recursive");
                return;
            }
            engine.await(t, Wait.of(lock::free, () -> lock.describe() + " held by " + lock.owner), -1);
            take(t, lock, passive ? t.irql : Irql.DIRQL);
        } finally {
            engine.exit(t);
        }
    }

    private void take(LogicalThread t, LockState lock, Irql raiseTo) {
        lock.owner = t;
        lock.savedIrql = t.irql;
        if (raiseTo.above(t.irql)) {
            t.irql = raiseTo;
        }
        t.held.add(lock);
        emit(t, EventType.LOCK_ACQUIRE, lock.id, 0, lock.kind.id());
    }

    void release(ObjectImpl o, LockState lock) {
        LogicalThread t = current();
        engine.enter(t, EventType.LOCK_RELEASE, lock.id);
        try {
            if (lock.owner != t) {
                violation(t, lock.kind.rule(), o, "release of " + lock.describe() + " by " + t.name + ", which does not hold it ("
                        + (lock.owner == null ? "it is not held" : "held by " + lock.owner.name)
                        + "): acquire and release must alternate");
                return;
            }
            drop(t, lock);
        } finally {
            engine.exit(t);
        }
    }

    private void drop(LogicalThread t, LockState lock) {
        lock.owner = null;
        t.irql = lock.savedIrql;
        t.held.remove(lock);
        emit(t, EventType.LOCK_RELEASE, lock.id, 0, lock.kind.id());
    }

    /** A lock taken inside a callback and still held when it returns: report, then release it. */
    private void releaseHeldAtReturn(LogicalThread t) {
        LogicalThread.Frame f = t.frame;
        int mark = f == null ? 0 : f.heldMark;
        while (t.held.size() > mark) {
            LockState lock = t.held.get(t.held.size() - 1);
            try {
                violation(t, lock.kind.rule(), lock.id, lock.describe() + " still held when the "
                        + (f == null ? "callback" : f.what) + " returned on " + t.name
                        + " (released by the runtime so the run can go on)");
            } catch (VerifierViolationException e) {
                // traced; the lock is released below either way
            }
            drop(t, lock);
        }
    }

    // ------------------------------------------------------------------ the rest of WdfRuntime

    @Override
    public void startThread(String name, Runnable body) {
        LogicalThread t = current();
        engine.enter(t, EventType.THREAD_START, 0);
        try {
            LogicalThread u = newThread(t, name, ThreadKind.USER, -1);
            userThreads.add(u);
            emit(t, EventType.THREAD_START, u.id, 0, 0);
            engine.start(u, bind(u, () -> userThreadBody(u, body)));
        } finally {
            engine.exit(t);
        }
    }

    private void userThreadBody(LogicalThread u, Runnable body) {
        invoke(u, "thread " + u.name, () -> {
            body.run();
            return true;
        });
        engine.enter(u, EventType.THREAD_END, u.id);
        try {
            u.ended = true;
            emit(u, EventType.THREAD_END, u.id, 0, 0);
        } finally {
            engine.exit(u);
        }
    }

    @Override
    public long clock() {
        return engine.now();
    }

    @Override
    public RandomGenerator random() {
        return current().random;
    }

    @Override
    public void work(long nanos) {
        engine.work(current(), nanos);
    }

    @Override
    public void mark(String text, long value) {
        LogicalThread t = current();
        engine.enter(t, EventType.MARK, 0);
        try {
            emit(t, EventType.MARK, 0, intern(t, text), value);
        } finally {
            engine.exit(t);
        }
    }

    @Override
    public Irql currentIrql() {
        return current().irql;
    }

    @Override
    public Irql raiseIrql(Irql level) {
        LogicalThread t = current();
        engine.enter(t, EventType.IRQL_CHANGE, 0);
        try {
            Irql old = t.irql;
            if (old.above(level)) {
                throw new IllegalArgumentException("KeRaiseIrql to " + level + " from the higher " + old);
            }
            t.irql = level;
            emit(t, EventType.IRQL_CHANGE, 0, 0, level.ordinal());
            return old;
        } finally {
            engine.exit(t);
        }
    }

    @Override
    public void lowerIrql(Irql level) {
        LogicalThread t = current();
        engine.enter(t, EventType.IRQL_CHANGE, 0);
        try {
            if (level.above(t.irql)) {
                throw new IllegalArgumentException("KeLowerIrql to " + level + " from the lower " + t.irql);
            }
            t.irql = level;
            emit(t, EventType.IRQL_CHANGE, 0, 0, level.ordinal());
        } finally {
            engine.exit(t);
        }
    }

    @Override
    public void awaitQuiescent() {
        LogicalThread t = current();
        engine.enter(t, EventType.RUN_END, 0);
        try {
            engine.await(t, Wait.of(() -> quiescent(t), this::busyDescription), -1);
        } finally {
            engine.exit(t);
        }
    }

    private boolean quiescent(LogicalThread caller) {
        if (busy > 0 || !workQueue.isEmpty() || !pendingDisposals.isEmpty()) {
            return false;
        }
        for (CpuState c : cpus) {
            if (!c.isrQueue.isEmpty() || !c.dpcQueue.isEmpty()) {
                return false;
            }
        }
        for (VirtualDeviceImpl d : virtualDevices) {
            if (d.active()) {
                return false;
            }
        }
        for (LogicalThread u : userThreads) {
            if (u != caller && !u.ended) {
                return false;
            }
        }
        return true;
    }

    private String busyDescription() {
        StringBuilder sb = new StringBuilder("quiescence (");
        sb.append(busy).append(" callbacks/ISRs/DPCs running, ").append(workQueue.size()).append(" queued work items");
        if (!pendingDisposals.isEmpty()) {
            sb.append(", deferred deletion of ").append(pendingDisposals.get(0).describe()).append(" waiting for ")
                    .append(firstBusy(pendingDisposals.get(0)));
        }
        for (VirtualDeviceImpl d : virtualDevices) {
            if (d.active()) {
                sb.append(", ").append(d.describe()).append(" delivering");
            }
        }
        for (LogicalThread u : userThreads) {
            if (!u.ended) {
                sb.append(", thread ").append(u.name).append(" running");
            }
        }
        return sb.append(')').toString();
    }

    @Override
    public RunConfig config() {
        return config;
    }
}
