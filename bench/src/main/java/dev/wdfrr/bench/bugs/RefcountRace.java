package dev.wdfrr.bench.bugs;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.InterruptSource;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.hw.VirtualDeviceConfig;

/**
 * The check-then-act reference-count race, in the same shape as the Fray side's
 * {@code RefcountRace} (bench/fray): an I/O thread checks that the device is not stopping, then
 * takes a reference (two requests); a stop thread marks the device stopping and releases the
 * hardware when no reference is held. When the stop runs between the I/O's check and its
 * increment, the I/O uses released hardware. Device registers are the traced shared state.
 */
public final class RefcountRace implements Scenario {
    private boolean usedAfterRelease;

    @Override
    public String id() {
        return "refcount-race";
    }

    @Override
    public String description() {
        return "BUGGY: an I/O checks 'not stopping' then takes a reference; a stop between the two releases the hardware under it";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    public void run(WdfRuntime rt, Parameters p) {
        VirtualDevice hw = rt.createVirtualDevice(VirtualDeviceConfig.of("dev", new InterruptSource.Periodic(1_000),
                (d, i) -> { }).maxArrivals(0).registers("STOPPING", "REFS", "RELEASED"));
        int stopping = hw.register("STOPPING");
        int refs = hw.register("REFS");
        int released = hw.register("RELEASED");
        rt.startThread("io", () -> {
            for (int request = 0; request < 2; request++) {
                if (hw.read(stopping) != 0) {
                    return; // refuse new I/O once stopping
                }
                hw.write(refs, hw.read(refs) + 1); // THE BUG: not atomic with the check above
                if (hw.read(released) != 0) {
                    usedAfterRelease = true;
                }
                hw.write(refs, hw.read(refs) - 1);
            }
        });
        rt.startThread("stop", () -> {
            hw.write(stopping, 1);
            if (hw.read(refs) == 0) {
                hw.write(released, 1);
            }
        });
        rt.awaitQuiescent();
    }

    @Override
    public String checkInvariant() {
        return usedAfterRelease ? "I/O used the hardware after the stop released it" : null;
    }
}
