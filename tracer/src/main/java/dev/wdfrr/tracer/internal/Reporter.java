package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;

/** Where the offline rules report what they find at the current event. */
interface Reporter {
    /** A verifier rule broken at {@code c}, about {@code object}. */
    void error(EventCursor c, Rule rule, int object, String message);

    /** A guideline (a latency budget) exceeded at {@code c}. */
    void warning(EventCursor c, String rule, int object, String message);
}
