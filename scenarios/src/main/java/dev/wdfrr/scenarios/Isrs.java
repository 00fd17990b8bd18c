package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;

/** ISR bodies more than one scenario uses. */
final class Isrs {
    private Isrs() {
    }

    /** The plainest ISR: claim the interrupt if the device has status, clear it, queue the DPC. */
    static boolean claimAndQueueDpc(WdfInterrupt interrupt) {
        VirtualDevice hw = interrupt.hardware();
        if (hw.read(VirtualDevice.STATUS) == 0) {
            return false;
        }
        hw.write(VirtualDevice.STATUS, 0);
        interrupt.queueDpcForIsr();
        return true;
    }
}
