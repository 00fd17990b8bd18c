package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.LatencyStage;
import dev.wdfrr.tracer.SpanBuilder;

import java.util.EnumMap;
import java.util.Map;

/** Latency samples per stage, paired by the tracer's {@link SpanBuilder} exactly as {@code wdfrr stats} pairs them. */
public final class Latency {
    private final EnumMap<LatencyStage, LatencySamples> stages = new EnumMap<>(LatencyStage.class);
    private final SpanBuilder spans;

    Latency() {
        for (LatencyStage s : LatencyStage.values()) {
            stages.put(s, new LatencySamples(s));
        }
        spans = new SpanBuilder((stage, start, end, object, endSeq) -> stages.get(stage).add(end - start, (int) endSeq));
    }

    void accept(EventCursor c) {
        spans.accept(c);
    }

    /** Recounts starts still waiting for their ends (after a load or a poll). */
    void updateUnmatched() {
        for (Map.Entry<LatencyStage, Long> e : spans.unmatched().entrySet()) {
            stages.get(e.getKey()).unmatched(e.getValue());
        }
    }

    public LatencySamples stage(LatencyStage stage) {
        return stages.get(stage);
    }

    long allocatedBytes() {
        long n = 0;
        for (LatencySamples s : stages.values()) {
            n += s.allocatedBytes();
        }
        return n;
    }
}
