package dev.wdfrr.runtime;

import java.util.Locale;
import java.util.regex.Pattern;

/** Parses and formats durations written as {@code 250ns}, {@code 20us}, {@code 5ms}, {@code 2s}, {@code 1m}. */
public final class Durations {
    /** Digits with an optional fraction; compiled once: scenarios parse their parameters every run. */
    private static final Pattern NUMBER = Pattern.compile("\\d+\\.?\\d*|\\.\\d+");

    private Durations() {
    }

    /**
     * Parses a duration to nanoseconds; a bare number is nanoseconds.
     *
     * @param what names the value in the error message
     * @throws ConfigurationException when malformed or negative
     */
    public static long parse(String text, String what) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long unit = 1;
        String number = s;
        String[][] suffixes = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"},
                {"s", "1000000000"}, {"m", "60000000000"}};
        for (String[] suffix : suffixes) {
            if (s.endsWith(suffix[0])) {
                String head = s.substring(0, s.length() - suffix[0].length());
                if (!head.isEmpty() && (Character.isDigit(head.charAt(head.length() - 1)) || head.endsWith("."))) {
                    unit = Long.parseLong(suffix[1]);
                    number = head;
                    break;
                }
            }
        }
        try {
            // Digits with an optional fraction: Double.parseDouble alone also takes Java's 'd'
            // and 'f' suffixes ("100d" would be 100 ns), exponents, hex and NaN.
            if (!NUMBER.matcher(number).matches()) {
                throw new NumberFormatException();
            }
            double v = Double.parseDouble(number);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v) || v * unit > Long.MAX_VALUE) {
                throw new NumberFormatException();
            }
            if (number.isEmpty() || !Character.isDigit(number.charAt(0)) && number.charAt(0) != '.') {
                throw new NumberFormatException();
            }
            return Math.round(v * unit);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(what + ": malformed duration '" + text
                    + "' (expected e.g. 500ns, 20us, 5ms, 2s)");
        }
    }

    /**
     * Formats nanoseconds for people, with three significant digits in the largest unit that
     * keeps the number at 1 or more: {@code 850ns}, {@code 12.5us}, {@code 100us}, {@code 3.85ms},
     * {@code 1.01s}. Every command writes durations this way, so one trace shows one duration.
     */
    public static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        String[] units = {"us", "ms", "s"};
        double v = nanos / 1e3;
        int u = 0;
        while (u < units.length - 1 && v >= 999.5) {
            v /= 1e3;
            u++;
        }
        String f = v >= 99.95 ? "%.0f%s" : v >= 9.995 ? "%.1f%s" : "%.2f%s";
        return String.format(Locale.ROOT, f, v, units[u]);
    }
}
