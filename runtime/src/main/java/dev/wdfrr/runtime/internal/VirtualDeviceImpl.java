package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulated hardware. Its thread sleeps until each arrival, runs the hardware model, and
 * raises the connected interrupt when status is pending and interrupts are enabled.
 */
final class VirtualDeviceImpl extends ObjectImpl implements InterruptLine {
    private final Hardware hardware;
    final VirtualDeviceConfig config;
    final long[] registers;
    final List<String> registerNames;
    final List<FifoImpl> fifos = new ArrayList<>();
    InterruptImpl interrupt;
    /** The register check of the driver's PnP life ({@link PnpPower}), or null: always usable. */
    Hardware.HardwareGate gate;
    /** Surprise-removed: reads give all ones, writes are dropped, no interrupts. */
    boolean absent;
    boolean started;
    boolean finished;
    boolean stopRequested;
    long arrivals;
    final int index;

    VirtualDeviceImpl(Hardware hardware, Lifetime lifetime, int id, VirtualDeviceConfig config, int index) {
        super(lifetime, id, config.name(), ObjectKind.VIRTUAL_DEVICE, null, null, null);
        this.hardware = hardware;
        this.config = config;
        this.index = index;
        List<String> names = new ArrayList<>(List.of("STATUS", "INTERRUPT_ENABLE"));
        names.addAll(config.registers());
        this.registerNames = List.copyOf(names);
        this.registers = new long[names.size()];
        this.registers[INTERRUPT_ENABLE] = 1;
    }

    InterruptSource.Arrivals arrivalsSequence() {
        return config.source().arrivals();
    }

    /** Started and not finished. */
    boolean active() {
        return started && !finished;
    }

    // ------------------------------------------------------------------ InterruptLine

    @Override
    public InterruptImpl connected() {
        return interrupt;
    }

    @Override
    public void connect(InterruptImpl interrupt) {
        this.interrupt = interrupt;
    }

    @Override
    public boolean belongsTo(Lifetime lifetime) {
        return this.lifetime == lifetime;
    }

    @Override
    public void raisePending(LogicalThread t) {
        hardware.raisePending(t, this);
    }

    @Override
    public int targetCpu() {
        return config.targetCpu();
    }

    @Override
    public String describe() {
        return super.describe();
    }

    // ------------------------------------------------------------------ VirtualDevice

    @Override
    public int register(String name) {
        int i = registerNames.indexOf(name);
        if (i < 0) {
            throw new ConfigurationException("virtual device '" + this.name + "' has no register '" + name
                    + "' (registers: " + registerNames + ")");
        }
        return i;
    }

    @Override
    public long read(int register) {
        return hardware.readRegister(this, register);
    }

    @Override
    public void write(int register, long value) {
        hardware.writeRegister(this, register, value);
    }

    @Override
    public HardwareFifo fifo(String name) {
        for (FifoImpl f : fifos) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        throw new ConfigurationException("virtual device '" + this.name + "' has no FIFO '" + name + "'");
    }

    @Override
    public void start() {
        hardware.start(this);
    }

    @Override
    public void stop() {
        hardware.stop(this);
    }

    @Override
    public long arrivals() {
        return arrivals;
    }

    @Override
    public void delete() {
        throw new UnsupportedOperationException("a virtual device is hardware: stop() it instead");
    }
}
