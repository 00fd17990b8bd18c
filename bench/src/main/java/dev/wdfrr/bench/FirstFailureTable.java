package dev.wdfrr.bench;

import dev.wdfrr.bench.bugs.Bugs;
import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.engine.CarrierPool;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Schedules (and wall time) to the first failure of each buggy scenario under every strategy,
 * over 20 exploration seeds, as {@code wdfrr explore} runs them (two exploring threads, depth 3
 * for PCT): a Markdown table for BENCHMARKS.md. Run:
 * {@code java -cp bench/target/benchmarks.jar dev.wdfrr.bench.FirstFailureTable [SEEDS] [BUDGET] [ID,ID…]}
 * (on JDK 21+ for the virtual-thread engine); the optional third argument measures only the
 * scenarios named.
 */
public final class FirstFailureTable {
    private FirstFailureTable() {
    }

    /** Schedules and milliseconds to the first failure of each seed; a seed that found none counts the whole budget. */
    public record Row(int found, long[] schedules, double[] millis) {
        long medianSchedules() {
            return sorted(schedules)[schedules.length / 2];
        }

        long maxSchedules() {
            return sorted(schedules)[schedules.length - 1];
        }

        double medianMillis() {
            double[] m = millis.clone();
            Arrays.sort(m);
            return m[m.length / 2];
        }

        double maxMillis() {
            return Arrays.stream(millis).max().orElse(0);
        }

        private static long[] sorted(long[] a) {
            long[] s = a.clone();
            Arrays.sort(s);
            return s;
        }
    }

    public static Row measure(Bugs.Bug bug, Strategies.Kind kind, int depth, int seeds, long budget) {
        long[] counts = new long[seeds];
        double[] millis = new double[seeds];
        int found = 0;
        for (int s = 0; s < seeds; s++) {
            Explorer.Result r = Explorer.explore(bug.scenario(), Map.of(),
                    new Explorer.Options(kind, depth, budget, RunConfig.builder().seed(1000 + s).build(), 2, ProgressListener.NONE));
            counts[s] = r.failure() == null ? budget : r.failure().schedule() + 1;
            millis[s] = r.elapsedNanos() / 1e6;
            found += r.failure() == null ? 0 : 1;
        }
        return new Row(found, counts, millis);
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long budget = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        java.util.Set<String> only = args.length > 2 ? java.util.Set.of(args[2].split(",")) : null;
        System.out.printf(Locale.ROOT, "JDK %s, engine threads: %s, %d seeds (1000…%d), budget %,d schedules%n%n",
                Runtime.version(), CarrierPool.defaultKind().name().toLowerCase(Locale.ROOT), seeds, 1000 + seeds - 1, budget);
        System.out.println("| scenario | strategy | found | median schedules | max schedules | median ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Bugs.Bug bug : Bugs.all()) {
            if (only != null && !only.contains(bug.id())) {
                continue;
            }
            for (Strategies.Kind kind : Strategies.Kind.values()) {
                Row r = measure(bug, kind, 3, seeds, budget);
                System.out.printf(Locale.ROOT, "| %s%s | %s | %d/%d | %d | %d | %.1f | %.1f |%n", bug.id(), bug.builtIn() ? "" : "*",
                        kind, r.found(), seeds, r.medianSchedules(), r.maxSchedules(), r.medianMillis(), r.maxMillis());
            }
        }
        System.out.println();
        System.out.println("* shaped like the Fray side's tests (bench/fray), not built in");
    }
}
