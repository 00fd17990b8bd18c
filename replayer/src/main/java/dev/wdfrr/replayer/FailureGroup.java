package dev.wdfrr.replayer;

import dev.wdfrr.replayer.internal.ObjectSteps;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.event.NameKind;

import java.util.regex.Pattern;

/**
 * The failures of a keep-going exploration that look like one bug: the same signature (the
 * kind of failure, its message with every number replaced by {@code N}, and the object of the
 * failing event), how many schedules failed that way, and the first of them, whose trace is
 * the one kept.
 *
 * @param signature what the failures have in common (see {@link #signatureOf})
 * @param count     schedules that failed this way
 * @param first     the lowest-numbered of them, with its events
 */
public record FailureGroup(String signature, long count, Explorer.Found first) {
    /** A number standing on its own or after punctuation ({@code 5}, {@code #12}, {@code worker-1}), not inside a name ({@code opentest4j}). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}_$])\\d+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    /**
     * "invariant violated: RX_TOTAL is N after N DPC runs: an update was lost", or for a
     * violation or an exception, the same followed by " @ object-name", on one line. Numbers go because they
     * vary between schedules that hit the same bug (counts, ids, times); the object stays because
     * the same rule broken on two different objects is usually two bugs.
     */
    public static String signatureOf(RunResult result, MemorySink events) {
        String message = SPACE.matcher(NUMBER.matcher(result.message()).replaceAll("N")).replaceAll(" ").trim();
        String object = failingObject(result.failure(), events);
        return result.failure().label() + ": " + message + (object == null ? "" : " @ " + object);
    }

    /** The object of the first violation, or of the failing thread's last step before an exception. */
    private static String failingObject(FailureKind kind, MemorySink events) {
        int n = events.size();
        if (kind == FailureKind.VIOLATION) {
            for (int i = 0; i < n; i++) {
                if (events.typeId(i) == EventType.VIOLATION.id()) {
                    return objectName(events, events.get(i).object());
                }
            }
        } else if (kind == FailureKind.EXCEPTION) {
            for (int i = n - 1; i >= 0; i--) {
                if (events.typeId(i) == EventType.FAILURE.id()) {
                    int thread = events.threadOf(i);
                    for (int j = i - 1; j >= 0; j--) {
                        if (events.threadOf(j) == thread && ObjectSteps.touchesObject(events.typeId(j))) {
                            int object = events.get(j).object();
                            return object == 0 ? null : objectName(events, object);
                        }
                    }
                    return null;
                }
            }
        }
        return null;
    }

    private static String objectName(MemorySink events, int id) {
        if (id == 0) {
            return null;
        }
        String name = events.nameOf(NameKind.OBJECT, id);
        return name != null ? name : "#" + id;
    }
}
