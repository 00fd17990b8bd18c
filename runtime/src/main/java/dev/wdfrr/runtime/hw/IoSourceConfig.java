package dev.wdfrr.runtime.hw;

import dev.wdfrr.runtime.wdf.WdfDevice;

import java.util.Objects;

/**
 * A virtual I/O source: {@code requesters} processes, each a thread with its own handle to
 * {@code target}, sending the requests of one arrival process between them (round robin), of the
 * given mix and sizes, with the cancellations of the plan. Bounded by {@code maxRequests} and/or
 * {@code untilNanos} (-1: no bound; at least one is required).
 */
public record IoSourceConfig(String name, WdfDevice target, int requesters, InterruptSource arrivals, RequestMix mix,
                             SizeRange sizes, CancelPlan cancels, long maxRequests, long untilNanos) {
    public IoSourceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(cancels, "cancels");
        if (requesters < 1) {
            throw new IllegalArgumentException("an I/O source needs at least one requester, got " + requesters);
        }
    }

    /** One requester sending reads of 512 bytes, no cancellations, no bound yet. */
    public static IoSourceConfig of(String name, WdfDevice target, InterruptSource arrivals) {
        return new IoSourceConfig(name, target, 1, arrivals, RequestMix.reads(), new SizeRange(512, 512), CancelPlan.none(),
                -1, -1);
    }

    public IoSourceConfig requesters(int n) {
        return new IoSourceConfig(name, target, n, arrivals, mix, sizes, cancels, maxRequests, untilNanos);
    }

    public IoSourceConfig mix(RequestMix m) {
        return new IoSourceConfig(name, target, requesters, arrivals, m, sizes, cancels, maxRequests, untilNanos);
    }

    public IoSourceConfig sizes(SizeRange s) {
        return new IoSourceConfig(name, target, requesters, arrivals, mix, s, cancels, maxRequests, untilNanos);
    }

    public IoSourceConfig cancels(CancelPlan c) {
        return new IoSourceConfig(name, target, requesters, arrivals, mix, sizes, c, maxRequests, untilNanos);
    }

    public IoSourceConfig maxRequests(long max) {
        return new IoSourceConfig(name, target, requesters, arrivals, mix, sizes, cancels, max, untilNanos);
    }

    public IoSourceConfig untilNanos(long until) {
        return new IoSourceConfig(name, target, requesters, arrivals, mix, sizes, cancels, maxRequests, until);
    }
}
