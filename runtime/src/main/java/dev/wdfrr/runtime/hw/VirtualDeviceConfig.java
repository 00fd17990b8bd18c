package dev.wdfrr.runtime.hw;

import java.util.List;
import java.util.Objects;

/**
 * How to build a virtual device. The runtime refuses to create one whose arrivals are not
 * bounded by {@code maxArrivals} and/or {@code untilNanos} (-1 = no bound), so that a run ends.
 *
 * @param registers names of registers beyond {@link VirtualDevice#STATUS} and {@link VirtualDevice#INTERRUPT_ENABLE}
 * @param targetCpu CPU that receives its interrupts, or -1 for round-robin
 */
public record VirtualDeviceConfig(String name, InterruptSource source, HardwareModel model,
                                  long maxArrivals, long untilNanos, int targetCpu,
                                  List<String> registers, List<String> fifos) {
    public VirtualDeviceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(model, "model");
        registers = List.copyOf(registers);
        fifos = List.copyOf(fifos);
    }

    /** A device with the given source and model, no bound yet, round-robin CPUs. */
    public static VirtualDeviceConfig of(String name, InterruptSource source, HardwareModel model) {
        return new VirtualDeviceConfig(name, source, model, -1, -1, -1, List.of(), List.of());
    }

    public VirtualDeviceConfig maxArrivals(long max) {
        return new VirtualDeviceConfig(name, source, model, max, untilNanos, targetCpu, registers, fifos);
    }

    public VirtualDeviceConfig untilNanos(long until) {
        return new VirtualDeviceConfig(name, source, model, maxArrivals, until, targetCpu, registers, fifos);
    }

    public VirtualDeviceConfig targetCpu(int cpu) {
        return new VirtualDeviceConfig(name, source, model, maxArrivals, untilNanos, cpu, registers, fifos);
    }

    public VirtualDeviceConfig registers(String... names) {
        return new VirtualDeviceConfig(name, source, model, maxArrivals, untilNanos, targetCpu, List.of(names), fifos);
    }

    public VirtualDeviceConfig fifos(String... names) {
        return new VirtualDeviceConfig(name, source, model, maxArrivals, untilNanos, targetCpu, registers, List.of(names));
    }
}
