package com.example.bluetooth;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.runtime.WdfRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An I/O request races the PnP stop; the driver's own assert catches I/O on a stopped device. */
class StopRaceTest {
    @WdfTest(iterations = 300, strategy = WdfTest.Strategy.PCT, seed = 1)
    void ioRacesStop(WdfRuntime rt) {
        BluetoothDevice bt = new BluetoothDevice(rt);
        rt.startThread("io", bt::dispatchIo);
        rt.startThread("pnp-stop", bt::stop);
        rt.awaitQuiescent();
        assertTrue(bt.stopped(), "the stop path finished");
        assertThat(bt.pendingIo()).as("references left").isZero();
        bt.remove();
    }
}
