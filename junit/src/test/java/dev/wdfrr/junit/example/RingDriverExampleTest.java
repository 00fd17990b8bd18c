package dev.wdfrr.junit.example;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.runtime.hw.HardwareFifo;
import dev.wdfrr.runtime.wdf.InterruptConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfInterrupt;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's test looks like: driver code (an ISR, a DPC and a work item draining a ring)
 * written against the runtime, explored over 200 PCT schedules. Every schedule is recorded; a
 * failing one would be kept under target/wdfrr-traces with the command to replay it.
 */
class RingDriverExampleTest {
    @WdfTest(iterations = 200, strategy = WdfTest.Strategy.PCT, seed = 1, arrivals = 6)
    void everyArrivalIsProcessedOnce(WdfRuntime rt, WdfDevice device, VirtualDevice hardware) {
        HardwareFifo data = hardware.fifo("data");
        SpinLock lock = rt.createSpinLock(device, "pending-lock");
        ArrayDeque<Long> pending = new ArrayDeque<>(); // guarded by lock
        List<Long> processed = new ArrayList<>();      // only the work item touches it
        WorkItem<Void> drain = rt.createWorkItem(WorkItemConfig.init(item -> {
            for (;;) {
                lock.acquire();
                Long v = pending.poll();
                lock.release();
                if (v == null) {
                    return; // drain everything: a coalesced enqueue carries several DPCs' data
                }
                processed.add(v);
            }
        }), ObjectAttributes.parent(device).name("drain"));
        device.createInterrupt(InterruptConfig.of("int", hardware, (WdfInterrupt in) -> {
            if (hardware.read(VirtualDevice.STATUS) == 0) {
                return false;
            }
            hardware.write(VirtualDevice.STATUS, 0);
            in.queueDpcForIsr();
            return true;
        }).dpc(in -> {
            lock.acquire();
            for (long v = data.pop(); v >= 0; v = data.pop()) {
                pending.add(v);
            }
            lock.release();
            drain.enqueue();
        }));
        hardware.start();
        rt.awaitQuiescent();
        assertThat(processed).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
    }
}
