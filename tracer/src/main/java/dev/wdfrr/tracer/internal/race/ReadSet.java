package dev.wdfrr.tracer.internal.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The reads of one location that later writes must be ordered after (FastTrack's read state):
 * while the reads are totally ordered, only the last one (an epoch); once two are concurrent,
 * the last read of each thread.
 */
final class ReadSet {
    private Access last;
    private List<Access> perThread;

    boolean isEmpty() {
        return last == null && perThread == null;
    }

    /** Adds a read by the thread whose clock is {@code now}. */
    void add(Access read, int[] now) {
        if (perThread == null) {
            if (last == null || last.slot() == read.slot() || last.clock() <= Clocks.get(now, last.slot())) {
                last = read; // the earlier read happens before this one: this one stands for both
                return;
            }
            perThread = new ArrayList<>(4);
            perThread.add(last);
            last = null;
        }
        for (int i = 0; i < perThread.size(); i++) {
            if (perThread.get(i).slot() == read.slot()) {
                perThread.set(i, read);
                return;
            }
        }
        perThread.add(read);
    }

    /** Every kept read not ordered before a thread whose clock is {@code now}. */
    void unordered(int[] now, int slot, List<Access> out) {
        if (last != null) {
            if (last.slot() != slot && last.clock() > Clocks.get(now, last.slot())) {
                out.add(last);
            }
            return;
        }
        if (perThread != null) {
            for (Access a : perThread) {
                if (a.slot() != slot && a.clock() > Clocks.get(now, a.slot())) {
                    out.add(a);
                }
            }
        }
    }

    void clear() {
        last = null;
        perThread = null;
    }
}
