package dev.wdfrr.runtime;

import java.util.Locale;

/** Parses and formats durations written as {@code 250ns}, {@code 20us}, {@code 5ms}, {@code 2s}, {@code 1m}. */
public final class Durations {
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

    /** Formats nanoseconds with a readable unit: {@code 850ns}, {@code 12.5us}, {@code 3.20ms}, {@code 2.000s}. */
    public static String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        } else if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
    }
}
