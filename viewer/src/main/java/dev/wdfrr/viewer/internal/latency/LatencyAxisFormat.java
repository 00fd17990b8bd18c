package dev.wdfrr.viewer.internal.latency;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Labels a {@link LogBuckets} position axis with the latency at each tick ({@code 1µs}, {@code 3µs}, …). */
final class LatencyAxisFormat extends NumberFormat {
    @Override
    public StringBuffer format(double position, StringBuffer to, FieldPosition pos) {
        if (position < LogBuckets.ZERO - 1e-9) {
            return to;
        }
        return to.append(position < LogBuckets.ZERO + 1 - 1e-9 ? "0" : LogBuckets.shortDuration(LogBuckets.valueAt(position)));
    }

    @Override
    public StringBuffer format(long position, StringBuffer to, FieldPosition pos) {
        return format((double) position, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        return null; // axis labels are never parsed
    }
}
