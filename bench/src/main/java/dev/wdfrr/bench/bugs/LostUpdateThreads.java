package dev.wdfrr.bench.bugs;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;

/**
 * The lost update in the same shape as the Fray side's {@code LostUpdate} (bench/fray): two
 * plain runtime threads, three read-modify-writes each of one register, no lock. The
 * register is the traced shared state (Fray's volatile field).
 */
public final class LostUpdateThreads implements Scenario {
    private long total = -1;

    @Override
    public String id() {
        return "lost-update-threads";
    }

    @Override
    public String description() {
        return "BUGGY: two threads add one to a register three times each without a lock";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("counter", new InterruptSource.Periodic(1_000),
                (d, i) -> { }).maxArrivals(0).registers("TOTAL"));
        int total = hw.register("TOTAL");
        for (int port = 0; port < 2; port++) {
            rt.startThread("port-" + port, () -> {
                for (int i = 0; i < 3; i++) {
                    long seen = hw.read(total);
                    hw.write(total, seen + 1);
                }
            });
        }
        rt.awaitQuiescent();
        this.total = hw.read(total);
    }

    @Override
    public String checkInvariant() {
        return total == 6 ? null : "TOTAL is " + total + " after 6 additions: an update was lost";
    }
}
