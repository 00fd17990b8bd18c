package dev.wdfrr.bench;

import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.scenarios.BuiltInScenarios;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Schedules to the first failure of each buggy scenario, random against PCT (depth 3), over 20
 * exploration seeds: a Markdown table for BENCHMARKS.md. Counts, not times, so the machine
 * does not matter. Run: {@code java -cp bench/target/benchmarks.jar dev.wdfrr.bench.FirstFailureTable}.
 */
public final class FirstFailureTable {
    private FirstFailureTable() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("| scenario | strategy | found | median | mean | max |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String id : new String[]{"lost-update", "stale-handle", "self-flush-hang"}) {
            for (Strategies.Kind kind : Strategies.Kind.values()) {
                long[] counts = new long[seeds];
                int found = 0;
                for (int s = 0; s < seeds; s++) {
                    Explorer.Result r = Explorer.explore(() -> BuiltInScenarios.create(id).orElseThrow(), Map.of(),
                            new Explorer.Options(kind, 3, 10_000, RunConfig.builder().seed(1000 + s).build(), 1, ProgressListener.NONE));
                    counts[s] = r.failure() == null ? 10_000 : r.failure().schedule() + 1;
                    found += r.failure() == null ? 0 : 1;
                }
                Arrays.sort(counts);
                System.out.printf(Locale.ROOT, "| %s | %s | %d/%d | %d | %.1f | %d |%n", id, kind, found, seeds,
                        counts[seeds / 2], Arrays.stream(counts).average().orElse(0), counts[seeds - 1]);
            }
        }
    }
}
