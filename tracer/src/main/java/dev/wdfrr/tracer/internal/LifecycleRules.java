package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.ArrayList;

/**
 * The work-item life-cycle rules: use after delete, flush from the item's own callback, and a
 * delete or flush that waits on itself. Reasons over {@link ObjectTable} and the frames of the
 * calling thread.
 *
 * <p>What is legal after a delete follows the framework: the handle stays valid until the item
 * is destroyed, an enqueue is refused only once its rundown began ({@code FxWorkItem::Enqueue},
 * {@code m_RunningDown}, traced as {@code rundown}), and "from its own callback" means on the
 * item's {@code m_WorkItemThread}: the worker that last dequeued it, set before the callback
 * lock is taken ({@code callback_wait} or {@code callback_start}) and cleared when any instance
 * returns.
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
        if (objects.isFreed(c.object())) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "enqueue of " + item(c) + " on " + thread(c)
                    + " after it was destroyed (a freed handle: the kernel would bug check)");
            return;
        }
        ObjectTable.Obj w = objects.get(c.object());
        if (c.arg() == 1 && w.runningDown) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "enqueue of " + item(c) + " on " + thread(c)
                    + " queued after its rundown began: FxWorkItem::Enqueue refuses it (m_RunningDown)");
        }
        if (c.arg() == 1) {
            w.queued = true; // even when illegal: its callback is then not reported a second time
        }
    }

    /** A worker took an instance ({@code callback_wait} or {@code callback_start}): it is m_WorkItemThread now. */
    void instanceTaken(EventCursor c) {
        ObjectTable.Obj w = objects.get(c.object());
        if (!w.workItem) {
            return; // an interrupt's DPC waiting for its callback lock
        }
        if (c.type() == EventType.CALLBACK_START && w.waiting != null && w.waiting.remove((Integer) c.thread())) {
            return; // the start of an instance taken at its callback_wait
        }
        if (c.type() == EventType.CALLBACK_WAIT) {
            if (w.waiting == null) {
                w.waiting = new ArrayList<>(1);
            }
            w.waiting.add(c.thread());
        }
        if (objects.isFreed(c.object()) || w.runningDown && !w.queued) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "callback of " + item(c) + " started on " + thread(c)
                    + " after " + (w.runningDown ? "its rundown began" : "it was destroyed") + ", although it was not queued then");
        }
        w.queued = false;
        w.latestThread = c.thread();
    }

    /** {@code FxWorkItem::WorkItemThunk} clears m_WorkItemThread after every instance. */
    void instanceEnded(EventCursor c) {
        objects.get(c.object()).latestThread = -1;
    }

    void flush(EventCursor c, ThreadFrames calling) {
        if (objects.isFreed(c.object())) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "flush of " + item(c) + " on " + thread(c)
                    + " after it was destroyed (a freed handle: the kernel would bug check)");
            return;
        }
        ObjectTable.Obj w = objects.get(c.object());
        ThreadFrames.Frame own = calling.callbackOf(c.object());
        if (w.latestThread == c.thread()) {
            reporter.error(c, Rule.FLUSH_FROM_OWN_CALLBACK, c.object(), "flush of " + item(c) + " from its own callback on "
                    + thread(c) + ": waiting would deadlock, so the framework returns at once");
        } else if (own != null) {
            reporter.error(c, Rule.DELETE_WAITS_ON_ITSELF, c.object(), "flush of " + item(c) + " from its instance "
                    + own.instance() + " on " + thread(c) + " waits on itself: m_WorkItemThread is "
                    + (w.latestThread < 0 ? "none" : names.thread(w.latestThread)) + ", so the framework waits and hangs");
        }
    }

    void delete(EventCursor c) {
        if (objects.isFreed(c.object())) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "delete of " + item(c) + " on " + thread(c)
                    + " after it was destroyed (a freed handle: the kernel would bug check)");
            return;
        }
        ObjectTable.Obj o = objects.get(c.object());
        if (DeleteState.ofArg(c.arg()) == DeleteState.DELETED) {
            reporter.error(c, Rule.USE_AFTER_DELETE, c.object(), "delete of " + item(c) + " on " + thread(c)
                    + " a second time (it was deleted at event " + o.deletedSeq + ")");
            return;
        }
        if (o.deletedSeq < 0) {
            o.deletedSeq = c.seq();
        }
    }

    /** The cascade reached the object; with arg 1 the deleting thread waits for its callbacks. */
    void rundown(EventCursor c, ThreadFrames calling) {
        ObjectTable.Obj o = objects.get(c.object());
        o.runningDown = true;
        ThreadFrames.Frame own = calling.callbackOf(c.object());
        if (c.arg() == 1 && own != null) {
            reporter.error(c, Rule.DELETE_WAITS_ON_ITSELF, c.object(), "the deletion of " + item(c) + " on " + thread(c)
                    + " waits for its callbacks, instance " + own.instance() + " running on " + thread(c)
                    + " itself: m_WorkItemThread is " + (o.latestThread < 0 ? "none" : names.thread(o.latestThread))
                    + ", so the framework waits and hangs");
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
