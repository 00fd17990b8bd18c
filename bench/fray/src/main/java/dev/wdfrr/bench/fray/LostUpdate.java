package dev.wdfrr.bench.fray;

/**
 * The lost update as plain Java threads, for Fray: two threads each add one to a shared counter
 * with a read and a write (volatile, so that Fray interleaves the accesses); an update is lost
 * when both read before either writes. Three additions per thread, as wdfrr's {@code lost-update}
 * has three interrupts per port.
 */
public final class LostUpdate {
    private static volatile int total;

    private LostUpdate() {
    }

    /** One schedule: what Fray runs per iteration. */
    public static void run() throws InterruptedException {
        total = 0;
        Thread[] ports = new Thread[2];
        for (int p = 0; p < ports.length; p++) {
            ports[p] = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    int seen = total;
                    total = seen + 1;
                }
            });
            ports[p].start();
        }
        for (Thread t : ports) {
            t.join();
        }
        if (total != 6) {
            throw new AssertionError("total is " + total + " after 6 additions: an update was lost");
        }
    }
}
