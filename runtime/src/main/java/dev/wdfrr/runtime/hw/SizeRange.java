package dev.wdfrr.runtime.hw;

/** Request lengths, drawn uniformly from [min, max] (0 allowed: zero-length requests). */
public record SizeRange(long min, long max) {
    public SizeRange {
        if (min < 0 || max < min || max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("size range must have 0 <= min <= max <= 2^32-1, got " + min + ".." + max);
        }
    }
}
