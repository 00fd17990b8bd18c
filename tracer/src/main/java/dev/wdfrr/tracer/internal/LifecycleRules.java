package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

/**
 * The work-item life-cycle rules: use after delete, flush from the item's own callback, and a
 * delete or flush that waits on itself. Reasons over {@link ObjectTable} and the frames of the
 * calling thread.
 *
 * <p>What is legal after a delete follows the delete table: a callback that was queued before the
 * delete still runs, running instances end, cleanup and destroy come later. Anything else the
 * driver does with the handle (enqueue, flush, delete again, a callback that was not queued) is a
 * use after delete.
 */
final class LifecycleRules {
    private final ObjectTable objects;
    private final Names names;
    private final Reporter reporter;

    LifecycleRules(ObjectTable objects, Names names, Reporter reporter) {
        this.objects = objects;
        this.names = names;
        this.reporter = reporter;
    }

    void objectCreated(EventCursor c) {
        ObjectKind kind = ObjectKind.ofId(c.arg());
        objects.created(c.object(), c.related(), kind, kind == ObjectKind.WORK_ITEM, c.seq(), c.thread());
    }

    void workItemCreated(EventCursor c) {
        objects.created(c.object(), c.related(), ObjectKind.WORK_ITEM, true, c.seq(), c.thread());
    }

    void enqueue(EventCursor c) {
        ObjectTable.Obj w = objects.get(c.object());
        String dead = objects.deadReason(c.object(), names);
        if (dead != null) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "enqueue of " + item(c) + " on " + thread(c)
                    + " after " + dead);
        }
        if (c.arg() == 1) {
            w.queued = true; // even when illegal: its callback is then not reported a second time
        }
    }

    void callbackStarted(EventCursor c) {
        ObjectTable.Obj w = objects.get(c.object());
        String dead = objects.deadReason(c.object(), names);
        if (dead != null && !w.queued) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "callback of " + item(c) + " instance " + c.arg()
                    + " started on " + thread(c) + " after " + dead + ", although it was not queued then");
        }
        w.queued = false;
        w.latestThread = c.thread();
    }

    void flush(EventCursor c, ThreadFrames calling) {
        String dead = objects.deadReason(c.object(), names);
        if (dead != null) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "flush of " + item(c) + " on " + thread(c) + " after " + dead);
            return;
        }
        ThreadFrames.Frame own = calling.callbackOf(c.object());
        if (own == null) {
            return;
        }
        int latest = objects.get(c.object()).latestThread;
        if (latest == c.thread()) {
            reporter.error(c, Rule.FLUSH_FROM_OWN_CALLBACK, c.object(), "flush of " + item(c) + " from its own callback (instance "
                    + own.instance() + ", started at event " + own.startSeq() + ") on " + thread(c)
                    + ": waiting would deadlock, so the framework returns at once");
        } else {
            reporter.error(c, Rule.DELETE_WAITS_ON_ITSELF, c.object(), "flush of " + item(c) + " from its instance "
                    + own.instance() + " on " + thread(c) + " waits on itself: a later instance started on "
                    + names.thread(latest) + ", so the framework does not detect it and hangs");
        }
    }

    void delete(EventCursor c, ThreadFrames calling) {
        ObjectTable.Obj o = objects.get(c.object());
        String dead = objects.deadReason(c.object(), names);
        if (dead == null && DeleteState.ofArg(c.arg()) == DeleteState.DELETED) {
            dead = "it was deleted (the delete found it deleted)";
        }
        if (dead != null) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "delete of " + item(c) + " on " + thread(c) + " after " + dead);
            return;
        }
        o.deletedSeq = c.seq();
        ThreadFrames.Frame own = calling.callbackOf(c.object());
        if (own != null) {
            if (o.latestThread != c.thread() && o.latestThread >= 0) {
                reporter.error(c, Rule.DELETE_WAITS_ON_ITSELF, c.object(), "delete of " + item(c) + " from its instance "
                        + own.instance() + " on " + thread(c) + " waits on itself: a later instance started on "
                        + names.thread(o.latestThread) + ", so the framework waits for its own caller and hangs");
            }
            return;
        }
        for (ThreadFrames.Frame f : calling.frames()) {
            if (f.kind() == ThreadFrames.Kind.CALLBACK && objects.isWithin(f.object(), c.object())) {
                reporter.error(c, Rule.DELETE_WAITS_ON_ITSELF, c.object(), "delete of " + item(c) + " from the callback of its descendant "
                        + Describe.object(names, f.object()) + " on " + thread(c) + " waits on itself (the deletion waits for that callback)");
                return;
            }
        }
    }

    void destroyed(EventCursor c) {
        objects.destroyed(c.object());
    }

    private String item(EventCursor c) {
        return Describe.object(names, c.object());
    }

    private String thread(EventCursor c) {
        return names.thread(c.thread());
    }
}
