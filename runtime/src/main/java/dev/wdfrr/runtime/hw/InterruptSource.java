package dev.wdfrr.runtime.hw;

import dev.wdfrr.runtime.ConfigurationException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When hardware events arrive at a virtual device, in nanoseconds since the run started.
 * Each source makes a fresh, deterministic {@link Arrivals} sequence per run.
 */
public sealed interface InterruptSource {

    /** A fresh arrival sequence; same source ⇒ same times. */
    Arrivals arrivals();

    /** Produces arrival times in non-decreasing order. */
    interface Arrivals {
        /** The next arrival time, or -1 when the source has no more. */
        long next();
    }

    /** Every {@code periodNanos}, starting one period in. */
    record Periodic(long periodNanos) implements InterruptSource {
        public Periodic {
            requirePositive(periodNanos, "period");
        }

        @Override
        public Arrivals arrivals() {
            long[] t = {0};
            return () -> t[0] += periodNanos;
        }
    }

    /** A Poisson process of the given mean rate per second, reproducible from its seed. */
    record Poisson(double ratePerSecond, long seed) implements InterruptSource {
        public Poisson {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
                throw new ConfigurationException("Poisson rate must be positive, got " + ratePerSecond);
            }
        }

        @Override
        public Arrivals arrivals() {
            SplittableRandom random = new SplittableRandom(seed);
            double meanGap = 1e9 / ratePerSecond;
            double[] t = {0};
            return () -> {
                t[0] += -Math.log(1.0 - random.nextDouble()) * meanGap;
                return (long) t[0];
            };
        }
    }

    /** Bursts of {@code size} arrivals {@code gapNanos} apart, a burst every {@code periodNanos}. */
    record Burst(int size, long gapNanos, long periodNanos) implements InterruptSource {
        public Burst {
            requirePositive(size, "burst size");
            if (gapNanos < 0) {
                throw new ConfigurationException("burst gap must be >= 0, got " + gapNanos);
            }
            requirePositive(periodNanos, "burst period");
        }

        @Override
        public Arrivals arrivals() {
            long[] n = {0};
            return () -> {
                long i = n[0]++;
                return (i / size + 1) * periodNanos + (i % size) * gapNanos;
            };
        }
    }

    /** Exactly these arrival times (sorted on construction). */
    record Scripted(long[] times) implements InterruptSource {
        public Scripted {
            times = times.clone();
            Arrays.sort(times);
            if (times.length > 0 && times[0] < 0) {
                throw new ConfigurationException("arrival times must be >= 0, got " + times[0]);
            }
        }

        @Override
        public Arrivals arrivals() {
            int[] i = {0};
            return () -> i[0] < times.length ? times[i[0]++] : -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Scripted s && Arrays.equals(times, s.times);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(times);
        }

        @Override
        public String toString() {
            return "Scripted" + Arrays.toString(times);
        }
    }

    private static void requirePositive(long value, String what) {
        if (value <= 0) {
            throw new ConfigurationException(what + " must be positive, got " + value);
        }
    }
}
