package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.EventType;

/** Point events the timeline marks on the lane of the thread that emitted them. */
public enum MarkKind {
    /** The device raised an interrupt (the start of a request chain). */
    INTERRUPT("interrupt"),
    /** An enqueue that queued the item (ENQUEUE arg 1). */
    QUEUED("enqueue (queued)"),
    /** An enqueue that found the item already queued (ENQUEUE arg 0). */
    COALESCED("enqueue (coalesced)"),
    DELETE("delete"),
    VIOLATION("violation"),
    FAILURE("failure"),
    /** A user mark. */
    USER("mark");

    private final String label;

    MarkKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    private static final java.util.List<MarkKind> BY_PRIORITY = java.util.List.of(FAILURE, VIOLATION, DELETE, QUEUED,
            COALESCED, INTERRUPT, USER);

    /** Every kind, the one a user most likely aims at first: a failure, then a violation. */
    public static java.util.List<MarkKind> byPriority() {
        return BY_PRIORITY;
    }

    /** The mark an event makes, or null when it makes none. */
    static MarkKind of(EventType type, long arg) {
        return switch (type) {
            case INTERRUPT -> INTERRUPT;
            case ENQUEUE -> arg == 1 ? QUEUED : COALESCED;
            case DELETE -> DELETE;
            case VIOLATION -> VIOLATION;
            case FAILURE -> FAILURE;
            case MARK -> USER;
            default -> null;
        };
    }
}
