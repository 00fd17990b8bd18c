package dev.wdfrr.replayer;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much an exploration covered, so that "no failure in N schedules" can be judged: the
 * number of distinct interleavings of conflicting steps among the schedules run (schedules that
 * differ only in the order of independent steps count once), and the schedule that found the
 * last new one. When that was long before the end, more schedules of this strategy are unlikely
 * to show anything new; when it was near the end, the space is not exhausted.
 *
 * @param schedules     schedules counted
 * @param interleavings distinct interleavings of conflicting steps among them
 * @param lastNew       1-based number of the schedule that found the last new interleaving (0 when none ran)
 */
public record Coverage(long schedules, long interleavings, long lastNew) {
    /** "12 distinct interleavings of conflicting steps in 10,000 schedules (the last new one at schedule 37)". */
    public String describe() {
        return String.format(Locale.ROOT, "%,d distinct interleaving%s of conflicting steps in %,d schedule%s (the last new one at schedule %,d)",
                interleavings, interleavings == 1 ? "" : "s", schedules, schedules == 1 ? "" : "s", lastNew);
    }

    /**
     * Collects fingerprints from schedules run on any number of threads. Each fingerprint keeps
     * the lowest schedule number that produced it, so the figure for "the first n schedules" is
     * the same however the schedules were spread over threads.
     */
    public static final class Tally {
        private final ConcurrentHashMap<Long, Long> first = new ConcurrentHashMap<>();

        /** Schedule {@code schedule} (0-based) had interleaving {@code fingerprint}. */
        public void add(long schedule, long fingerprint) {
            first.merge(fingerprint, schedule, Math::min);
        }

        /** The coverage of schedules 0 … {@code schedules - 1}. */
        public Coverage upTo(long schedules) {
            long distinct = 0;
            long last = -1;
            for (long s : first.values()) {
                if (s < schedules) {
                    distinct++;
                    last = Math.max(last, s);
                }
            }
            return new Coverage(schedules, distinct, last + 1);
        }
    }
}
