package dev.wdfrr.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends one line of percentiles per measured variant to a results file (system property
 * {@code wdfrr.bench.out}, default {@code bench-results.txt}), for {@link Report} to pair into ratios.
 */
final class LatencyLog {
    private LatencyLog() {
    }

    /** A single measured number, in the same file. */
    static void writeLine(String benchmark, String variant, long count, long value) {
        String line = String.format(Locale.ROOT, "%s\t%s\t%d\t%d%n", benchmark, variant, count, value);
        try {
            Files.writeString(Path.of(System.getProperty("wdfrr.bench.out", "bench-results.txt")), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not append: " + e);
        }
    }

    static void write(String benchmark, String variant, Histogram h) {
        String line = String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%d\t%d%n", benchmark, variant, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue());
        System.out.print("\n# " + line);
        Path out = Path.of(System.getProperty("wdfrr.bench.out", "bench-results.txt"));
        try {
            Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not append to " + out + ": " + e);
        }
    }
}
