package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;

import java.util.ArrayList;

/**
 * Virtual hardware, on top of everything: devices with registers and FIFOs, and a thread per
 * started device that sleeps until each arrival, runs the hardware model, and raises the
 * connected interrupt (through {@link Interrupts}) when status is pending and interrupts are
 * enabled.
 */
final class Hardware {
    /** Raised when a device stops delivering: the run may have become quiescent. */
    private final Signal deviceFinished = new Signal();
    /**
     * Whether a register access fits the state of the driver's PnP life (implemented by
     * {@link PnpPower}); inside enter/exit, it reports what does not.
     */
    interface HardwareGate {
        /** @return true when the hardware is absent: reads give all ones, writes are dropped */
        boolean check(LogicalThread t, VirtualDeviceImpl d, int register, boolean write);
    }

    private final Kernel k;
    private final Lifetime lifetime;
    private final Interrupts interrupts;
    private final ArrayList<VirtualDeviceImpl> devices = new ArrayList<>();

    Hardware(Kernel k, Lifetime lifetime, Interrupts interrupts) {
        this.k = k;
        this.lifetime = lifetime;
        this.interrupts = interrupts;
        k.addActivity(new Quiescence.Activity() {
            @Override
            public boolean quiet(LogicalThread caller) {
                for (VirtualDeviceImpl d : devices) {
                    if (d.active()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void describe(StringBuilder out) {
                for (VirtualDeviceImpl d : devices) {
                    if (d.active()) {
                        out.append(", ").append(d.describe()).append(" delivering");
                    }
                }
            }

            @Override
            public Signal signal() {
                return deviceFinished;
            }
        });
    }

    VirtualDevice create(VirtualDeviceConfig vc) {
        if (vc.maxArrivals() < 0 && vc.untilNanos() < 0) {
            throw new ConfigurationException("virtual device '" + vc.name()
                    + "' needs a bound on its arrivals: maxArrivals or untilNanos");
        }
        LogicalThread t = k.current();
        k.enter(t, EventType.OBJECT_CREATE, 0);
        try {
            int id = k.newObjectId();
            VirtualDeviceImpl d = new VirtualDeviceImpl(this, lifetime, id, vc, devices.size());
            devices.add(d);
            k.nameObject(t, id, d.name);
            k.emit(t, EventType.OBJECT_CREATE, id, 0, ObjectKind.VIRTUAL_DEVICE.id());
            for (String fifoName : vc.fifos()) {
                int fid = k.newObjectId();
                d.fifos.add(new FifoImpl(this, fid, fifoName));
                k.nameObject(t, fid, d.name + "." + fifoName);
                k.emit(t, EventType.OBJECT_CREATE, fid, id, ObjectKind.FIFO.id());
            }
            return d;
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ the device thread

    void start(VirtualDeviceImpl d) {
        LogicalThread t = k.current();
        k.enter(t, EventType.THREAD_START, d.id);
        try {
            if (d.started) {
                throw new IllegalStateException(d.describe() + " was already started");
            }
            d.started = true;
            LogicalThread dt = k.newThread(t, d.index == 0 ? "device" : "device-" + d.index, ThreadKind.DEVICE, -1);
            k.emit(t, EventType.THREAD_START, dt.id, d.id, 0);
            k.start(dt, () -> deviceLoop(dt, d));
        } finally {
            k.exit(t);
        }
    }

    private void deviceLoop(LogicalThread t, VirtualDeviceImpl d) {
        var arrivals = d.arrivalsSequence();
        long max = d.config.maxArrivals();
        if (k.config().arrivalLimit() >= 0) {
            max = max < 0 ? k.config().arrivalLimit() : Math.min(max, k.config().arrivalLimit());
        }
        long until = d.config.untilNanos();
        try {
            for (long i = 0; max < 0 || i < max; i++) {
                long at = arrivals.next();
                if (at < 0 || until >= 0 && at > until) {
                    break;
                }
                k.engine().sleepUntil(t, at);
                if (!arrive(t, d, i)) {
                    break;
                }
            }
        } finally {
            if (!k.engine().stopped()) {
                k.enter(t, EventType.THREAD_END, t.id);
                try {
                    d.finished = true;
                    deviceFinished.raise();
                    k.emit(t, EventType.THREAD_END, t.id, d.id, d.arrivals);
                } finally {
                    k.exit(t);
                }
            }
        }
    }

    /** One arrival: traced, the hardware model, then the interrupt line. False once stopped. */
    private boolean arrive(LogicalThread t, VirtualDeviceImpl d, long index) {
        k.enter(t, EventType.ARRIVAL, d.id);
        try {
            if (d.stopRequested) {
                return false;
            }
            d.arrivals++;
            k.emit(t, EventType.ARRIVAL, d.id, 0, index);
        } finally {
            k.exit(t);
        }
        k.invoke(t, "hardware model of " + d.describe(), () -> {
            d.config.model().onArrival(d, index);
            return true;
        });
        k.enter(t, EventType.INTERRUPT, d.id);
        try {
            // Traced either way: whether the line was raised depends on state other threads change.
            if (!raiseIfPending(t, d)) {
                k.emit(t, EventType.INTERRUPT_MASKED, d.id, 0, d.registers[VirtualDevice.STATUS]);
            }
        } finally {
            k.exit(t);
        }
        return true;
    }

    /** Inside enter/exit: a connected interrupt was enabled again ([P15]). */
    void raisePending(LogicalThread t, VirtualDeviceImpl d) {
        raiseIfPending(t, d);
    }

    /**
     * Raises the connected interrupt when status is pending and interrupts are enabled; says
     * whether it did. A line whose interrupt is disconnected keeps its status pending (level-
     * triggered, [P15]); an absent device raises nothing.
     */
    private boolean raiseIfPending(LogicalThread t, VirtualDeviceImpl d) {
        InterruptImpl in = d.interrupt;
        if (in == null || !in.connectedToLine || d.absent || d.registers[VirtualDevice.STATUS] == 0
                || d.registers[VirtualDevice.INTERRUPT_ENABLE] == 0) {
            return false;
        }
        interrupts.raise(t, in, d.config.targetCpu());
        return true;
    }

    void stop(VirtualDeviceImpl d) {
        LogicalThread t = k.current();
        k.enter(t, EventType.DEVICE_STOP, d.id);
        try {
            stopLocked(t, d);
        } finally {
            k.exit(t);
        }
    }

    private void stopLocked(LogicalThread t, VirtualDeviceImpl d) {
        if (!d.stopRequested) {
            d.stopRequested = true;
            if (!d.started) {
                d.finished = true;
                deviceFinished.raise();
            }
            k.emit(t, EventType.DEVICE_STOP, d.id, 0, d.arrivals);
        }
    }

    /** The scenario failed: no more arrivals from any device. */
    void stopAll(LogicalThread t) {
        k.enter(t, EventType.DEVICE_STOP, 0);
        try {
            for (VirtualDeviceImpl d : devices) {
                stopLocked(t, d);
            }
        } finally {
            k.exit(t);
        }
    }

    // ------------------------------------------------------------------ registers and FIFOs

    long readRegister(VirtualDeviceImpl d, int register) {
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, EventType.REG_READ, d.id);
        try {
            checkRegister(d, register);
            boolean absent = d.gate != null && t.kind != ThreadKind.DEVICE && d.gate.check(t, d, register, false);
            long v = absent ? -1L : d.registers[register]; // an absent PCI device reads all ones
            k.emitSite(t, site); // after the gate, which may report a violation first
            k.emit(t, EventType.REG_READ, d.id, register, v);
            return v;
        } finally {
            k.exit(t);
        }
    }

    void writeRegister(VirtualDeviceImpl d, int register, long value) {
        LogicalThread t = k.current();
        String site = k.callSite(t);
        k.enter(t, EventType.REG_WRITE, d.id);
        try {
            checkRegister(d, register);
            if (d.gate != null && t.kind != ThreadKind.DEVICE && d.gate.check(t, d, register, true)) {
                k.emitSite(t, site);
                k.emit(t, EventType.REG_WRITE, d.id, register, value); // dropped: the device is gone
                return;
            }
            k.emitSite(t, site);
            long old = d.registers[register];
            d.registers[register] = value;
            k.emit(t, EventType.REG_WRITE, d.id, register, value);
            if (register == VirtualDevice.INTERRUPT_ENABLE && old == 0 && value != 0 && t.kind != ThreadKind.DEVICE) {
                raiseIfPending(t, d);
            }
        } finally {
            k.exit(t);
        }
    }

    private static void checkRegister(VirtualDeviceImpl d, int register) {
        if (register < 0 || register >= d.registers.length) {
            throw new IllegalArgumentException(d.describe() + " has no register " + register
                    + " (registers: " + d.registerNames + ")");
        }
    }

    void fifoPush(FifoImpl f, long value) {
        LogicalThread t = k.current();
        k.enter(t, EventType.FIFO_PUSH, f.id);
        try {
            f.add(value);
            k.emit(t, EventType.FIFO_PUSH, f.id, 0, value);
        } finally {
            k.exit(t);
        }
    }

    long fifoPop(FifoImpl f) {
        LogicalThread t = k.current();
        k.enter(t, EventType.FIFO_POP, f.id);
        try {
            long v = f.remove();
            k.emit(t, EventType.FIFO_POP, f.id, 0, v);
            return v;
        } finally {
            k.exit(t);
        }
    }
}
