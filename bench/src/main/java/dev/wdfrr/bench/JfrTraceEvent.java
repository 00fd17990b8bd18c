package dev.wdfrr.bench;

import jdk.jfr.Category;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A JFR custom event with the same fields as a wdfrr event: the baseline for append cost. */
@Name("dev.wdfrr.TraceEvent")
@Label("wdfrr event")
@Category("wdfrr")
@StackTrace(false)
@Enabled(true)
final class JfrTraceEvent extends Event {
    long seq;
    long time;
    int type;
    int thread;
    int cpu;
    int irql;
    int object;
    int related;
    long arg;
}
