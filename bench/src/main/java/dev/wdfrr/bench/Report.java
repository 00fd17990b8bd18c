package dev.wdfrr.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the percentile lines of a results file into a Markdown table with ratios against the
 * first variant of each benchmark (its baseline). Usage: {@code Report bench-results.txt}.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "bench-results.txt");
        Map<String, List<String[]>> byBench = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length == 7) {
                byBench.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        }
        for (var e : byBench.entrySet()) {
            System.out.println("### " + e.getKey());
            System.out.println();
            System.out.println("| variant | samples | p50 ns | p90 ns | p99 ns | max ns | p50 ratio | p99 ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
            String[] base = e.getValue().get(0);
            for (String[] f : e.getValue()) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.2f× | %.2f× |%n", f[1], f[2], f[3], f[4], f[5], f[6],
                        Double.parseDouble(f[3]) / Double.parseDouble(base[3]),
                        Double.parseDouble(f[5]) / Double.parseDouble(base[5]));
            }
            System.out.println();
        }
    }
}
