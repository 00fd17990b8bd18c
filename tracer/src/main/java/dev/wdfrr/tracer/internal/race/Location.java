package dev.wdfrr.tracer.internal.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The access history of one memory location (a traced cell, or one register of a virtual
 * device), FastTrack-style: the last write as an epoch and the reads since it, separately for
 * plain and interlocked accesses, because two interlocked accesses never race with each other
 * while an interlocked and a plain one do. Interlocked accesses also synchronize: a read
 * acquires what every earlier interlocked write released ({@link #sync}).
 */
final class Location {
    final long key;
    private Access plainWrite;
    private Access atomicWrite;
    private final ReadSet plainReads = new ReadSet();
    private final ReadSet atomicReads = new ReadSet();
    /** What interlocked writes released, for interlocked reads to acquire. */
    int[] sync = Clocks.EMPTY;

    Location(long key) {
        this.key = key;
    }

    /**
     * Records an access by the thread whose clock is {@code now} and returns the earlier accesses
     * it races with: not ordered before it by happens-before, at least one of the two a write,
     * not both interlocked.
     */
    List<Access> access(Access a, int[] now) {
        List<Access> races = new ArrayList<>(0);
        check(plainWrite, a, now, races);
        if (!a.atomic()) {
            check(atomicWrite, a, now, races);
        }
        if (a.write()) {
            plainReads.unordered(now, a.slot(), races);
            if (!a.atomic()) {
                atomicReads.unordered(now, a.slot(), races);
            }
        }
        if (!a.write()) {
            (a.atomic() ? atomicReads : plainReads).add(a, now);
        } else if (a.atomic()) {
            atomicWrite = a;
            plainReads.clear(); // checked above: each is ordered before this write or reported
        } else {
            plainWrite = a;
            atomicWrite = null;
            plainReads.clear();
            atomicReads.clear();
        }
        return races;
    }

    private static void check(Access earlier, Access a, int[] now, List<Access> races) {
        if (earlier != null && earlier.slot() != a.slot() && earlier.clock() > Clocks.get(now, earlier.slot())) {
            races.add(earlier);
        }
    }
}
