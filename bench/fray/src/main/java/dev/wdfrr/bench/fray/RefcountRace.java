package dev.wdfrr.bench.fray;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference-count race as plain Java threads, for Fray: the same driver code as
 * wdfrr's {@code refcount-race} (bench's {@code bugs/RefcountRace}). A PnP thread delivers a stop:
 * the driver's EvtDeviceD0Exit marks the device stopping, drops the device's own reference and
 * waits for the "drained" event while reads still hold references; then the framework takes the
 * device out of D0. A requester thread sends two reads; each runs the driver's EvtIoRead on the
 * sending thread (a parallel queue that is not power-managed): check "not stopping", then take a
 * reference, read the hardware, drop the reference (the last one sets the event). A read that
 * checked before the stop but took its reference after the stop dropped the last one reads
 * hardware out of D0. Shared state is volatile or atomic and the event is a monitor, so that Fray
 * interleaves every access.
 */
public final class RefcountRace {
    private static volatile boolean stopping;
    private static final AtomicInteger REFERENCES = new AtomicInteger();
    /** The framework's view of the hardware: in D0 until the stop's power-down. */
    private static volatile boolean inD0;
    private static volatile boolean readOutsideD0;

    private RefcountRace() {
    }

    /** KEVENT, notification type: once set, every wait returns. */
    private static final class Event {
        private boolean signaled;

        synchronized void set() {
            signaled = true;
            notifyAll();
        }

        synchronized void await() throws InterruptedException {
            while (!signaled) {
                wait();
            }
        }
    }

    /** One schedule: what Fray runs per iteration. */
    public static void run() throws InterruptedException {
        stopping = false;
        REFERENCES.set(1); // the device's own
        inD0 = true;
        readOutsideD0 = false;
        Event drained = new Event();
        Thread pnp = new Thread(() -> {
            // EvtDeviceD0Exit
            stopping = true;
            if (REFERENCES.decrementAndGet() != 0) {
                try {
                    drained.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            inD0 = false; // the framework: out of D0, then the hardware is released
        });
        Thread requester = new Thread(() -> {
            for (int read = 0; read < 2; read++) {
                // EvtIoRead
                if (stopping) {
                    continue; // completed with STATUS_INVALID_DEVICE_STATE
                }
                REFERENCES.incrementAndGet(); // THE BUG: not atomic with the check above
                if (!inD0) {
                    readOutsideD0 = true; // the hardware read
                }
                if (REFERENCES.decrementAndGet() == 0) {
                    drained.set();
                }
            }
        });
        pnp.start();
        requester.start();
        pnp.join();
        requester.join();
        if (readOutsideD0) {
            throw new AssertionError("a read used the hardware after the stop took the device out of D0");
        }
    }
}
