package dev.wdfrr.bench;

import dev.wdfrr.bench.bugs.Bugs;
import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.engine.CarrierPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * wdfrr beside Fray 0.9.2 on the same bugs, each in its own encoding (bench/bugs here, bench/fray
 * there), in one run: {@code bench/side-by-side.sh} runs Fray first and hands its results here as
 * a TSV ({@code bug, scheduler, schedules to the first failure per run, schedules/s}). For each
 * bug and strategy: schedules per second on one core (wdfrr: one exploring lane; Fray runs one
 * schedule at a time), median and max schedules to the first failure over independent runs
 * (wdfrr: seeds 1000…; Fray cannot be seeded), and the time to the first failure (median
 * schedules ÷ schedules per second).
 */
public final class SideBySide {
    private SideBySide() {
    }

    record Fray(long[] schedules, double rate) {
    }

    /** wdfrr bug → the Fray test that encodes it. */
    private static final String[][] BUGS = {
            {"lost-update-threads", "LostUpdate"},
            {"lost-update", "LostUpdate"},
            {"refcount-race", "RefcountRace"},
    };

    /** wdfrr strategy → Fray scheduler. */
    private static final String[][] STRATEGIES = {
            {"random", "random"}, {"pct", "pct"}, {"pct-all", "pct"}, {"pos", "pos"}, {"pos-dep", "pos"},
    };

    public static void main(String[] args) throws IOException {
        int runs = Integer.parseInt(args[0]);
        Map<String, Fray> fray = args.length > 1 ? readFray(Path.of(args[1])) : Map.of();
        long budget = 10_000;
        System.out.printf(Locale.ROOT, "JDK %s, wdfrr engine threads: %s; %d runs per cell, budget %,d; PCT depth 3 (Fray: 2 switch points)%n%n",
                Runtime.version(), CarrierPool.defaultKind().name().toLowerCase(Locale.ROOT), runs, budget);
        System.out.println("| bug (wdfrr / Fray) | strategy | wdfrr schedules/s | Fray schedules/s | wdfrr median / max | Fray median / max "
                + "| wdfrr time to 1st failure | Fray time to 1st failure | time ratio | schedules ratio |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] bug : BUGS) {
            for (String[] strategy : STRATEGIES) {
                Strategies.Kind kind = Strategies.Kind.parse(strategy[0]);
                FirstFailureTable.Row w = firstFailures(Bugs.byId(bug[0]), kind, runs, budget);
                double rate = throughput(Bugs.byId(bug[0]), kind);
                Fray f = fray.get(bug[1] + "/" + strategy[1]);
                double wTime = w.medianSchedules() / rate;
                String fRate = f == null ? "—" : String.format(Locale.ROOT, "%,.0f", f.rate());
                String fCounts = f == null ? "—" : median(f.schedules()) + " / " + max(f.schedules());
                String fTime = f == null ? "—" : seconds(median(f.schedules()) / f.rate());
                String timeRatio = f == null ? "—" : String.format(Locale.ROOT, "%.2f×", wTime / (median(f.schedules()) / f.rate()));
                String countRatio = f == null ? "—" : String.format(Locale.ROOT, "%.2f×", w.medianSchedules() / (double) median(f.schedules()));
                System.out.printf(Locale.ROOT, "| %s / %s | %s | %,.0f | %s | %d / %d%s | %s | %s | %s | %s | %s |%n", bug[0], bug[1],
                        strategy[0], rate, fRate, w.medianSchedules(), w.maxSchedules(),
                        w.found() < runs ? " (found in " + w.found() + ")" : "", fCounts, seconds(wTime), fTime, timeRatio, countRatio);
            }
        }
    }

    /** Schedules to the first failure over {@code runs} seeds, one lane (a schedule at a time, as Fray). */
    private static FirstFailureTable.Row firstFailures(Bugs.Bug bug, Strategies.Kind kind, int runs, long budget) {
        long[] counts = new long[runs];
        double[] millis = new double[runs];
        int found = 0;
        for (int s = 0; s < runs; s++) {
            Explorer.Result r = Explorer.explore(bug.scenario(), Map.of(),
                    new Explorer.Options(kind, 3, budget, RunConfig.builder().seed(1000 + s).build(), 1, ProgressListener.NONE));
            counts[s] = r.failure() == null ? budget : r.failure().schedule() + 1;
            millis[s] = r.elapsedNanos() / 1e6;
            found += r.failure() == null ? 0 : 1;
        }
        return new FirstFailureTable.Row(found, counts, millis);
    }

    /** Schedules per second on one lane, keep-going over 3,000 schedules after 1,000 of warm-up. */
    private static double throughput(Bugs.Bug bug, Strategies.Kind kind) {
        Explorer.explore(bug.scenario(), Map.of(), new Explorer.Options(kind, 3, 1_000, RunConfig.builder().seed(7).build(), 1,
                ProgressListener.NONE).keepGoing(true));
        Explorer.Result r = Explorer.explore(bug.scenario(), Map.of(), new Explorer.Options(kind, 3, 3_000,
                RunConfig.builder().seed(8).build(), 1, ProgressListener.NONE).keepGoing(true));
        return r.schedules() / (r.elapsedNanos() / 1e9);
    }

    private static Map<String, Fray> readFray(Path tsv) throws IOException {
        Map<String, Fray> out = new HashMap<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] f = line.split("\t");
            if (f.length < 4 || line.startsWith("#")) {
                continue;
            }
            long[] counts = Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
            out.put(f[0] + "/" + f[1], new Fray(counts, Double.parseDouble(f[3])));
        }
        return out;
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long max(long[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    private static String seconds(double s) {
        return s < 1 ? String.format(Locale.ROOT, "%.2f ms", s * 1e3) : String.format(Locale.ROOT, "%.2f s", s);
    }
}
