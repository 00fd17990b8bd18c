package dev.wdfrr.bench.fray;

/**
 * The check-then-act reference-count race as plain Java threads, for Fray: an I/O path checks
 * that the device is not stopping, then takes a reference; the stop path marks the device
 * stopping and releases the hardware when no reference is held. When the stop runs between the
 * I/O's check and its increment, the I/O uses released hardware. Shared state is volatile so
 * that Fray interleaves its accesses.
 */
public final class RefcountRace {
    private static volatile boolean stopping;
    private static volatile int references;
    private static volatile boolean released;
    private static volatile boolean usedAfterRelease;

    private RefcountRace() {
    }

    /** One schedule: what Fray runs per iteration. */
    public static void run() throws InterruptedException {
        stopping = false;
        references = 0;
        released = false;
        usedAfterRelease = false;
        Thread io = new Thread(() -> {
            for (int request = 0; request < 2; request++) {
                if (stopping) {
                    return; // refuse new I/O once stopping
                }
                references = references + 1; // THE BUG: the check above and this increment are not atomic
                if (released) {
                    usedAfterRelease = true;
                }
                references = references - 1;
            }
        });
        Thread stop = new Thread(() -> {
            stopping = true;
            if (references == 0) {
                released = true; // release the hardware
            }
        });
        io.start();
        stop.start();
        io.join();
        stop.join();
        if (usedAfterRelease) {
            throw new AssertionError("I/O used the hardware after the stop released it");
        }
    }
}
