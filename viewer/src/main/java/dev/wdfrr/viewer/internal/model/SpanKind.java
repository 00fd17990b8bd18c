package dev.wdfrr.viewer.internal.model;

/** What a bar on the timeline is: an ISR, a DPC or a work-item callback instance. */
public enum SpanKind {
    ISR("ISR"),
    DPC("DPC"),
    CALLBACK("callback");

    private final String label;

    SpanKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static SpanKind ofOrdinal(int o) {
        return values()[o];
    }
}
