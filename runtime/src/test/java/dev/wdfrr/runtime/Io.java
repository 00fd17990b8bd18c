package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Helpers for the I/O queue, request and PnP tests. */
final class Io {
    static final long MS = 1_000_000L;

    private Io() {
    }

    static WdfDevice device(WdfRuntime rt) {
        return rt.createDevice(DeviceConfig.named("d"));
    }

    /** Main first, then the named threads, then whoever is first. */
    static RunConfig.Builder mainFirst(String... then) {
        String[] order = new String[then.length + 1];
        order[0] = "main";
        System.arraycopy(then, 0, order, 1, then.length);
        return RunConfig.builder().strategy(new Prefer(order));
    }

    static String thread(Scenarios.Recorded r, Event e) {
        return r.sink().nameOf(NameKind.THREAD, e.thread());
    }

    static List<Event> where(Scenarios.Recorded r, EventType type, Predicate<Event> p) {
        List<Event> out = new ArrayList<>();
        for (Event e : r.of(type)) {
            if (p.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The callback-start events of one kind (EVT_CALLBACK_START related = kind, or REQUEST_DISPATCH arg = kind). */
    static List<Event> starts(Scenarios.Recorded r, CallbackKind kind) {
        if (kind.delivers()) {
            return where(r, EventType.REQUEST_DISPATCH, e -> e.arg() == kind.id());
        }
        return where(r, EventType.EVT_CALLBACK_START, e -> e.related() == kind.id());
    }

    /** The status a request completed with, from its request_complete event. */
    static long completedStatus(Scenarios.Recorded r, WdfRequest request) {
        List<Event> c = where(r, EventType.REQUEST_COMPLETE, e -> e.object() == request.id());
        if (c.size() != 1) {
            throw new AssertionError(request + " completed " + c.size() + " times");
        }
        return c.get(0).arg() & 0xFFFFFFFFL;
    }

    /** Index of the first event of this type about this object, or -1. */
    static int indexOf(Scenarios.Recorded r, EventType type, int object) {
        List<Event> all = r.events();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() == type && all.get(i).object() == object) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Runs {@code first} until it has taken {@code steps} scheduling points at {@code op}, then
     * prefers the others in order: interleaves a thread's two consecutive steps with another's.
     */
    static final class Interleave implements Strategy {
        private final String first;
        private final EventType op;
        private int steps;
        private final String[] then;

        Interleave(String first, EventType op, int steps, String... then) {
            this.first = first;
            this.op = op;
            this.steps = steps;
            this.then = then;
        }

        @Override
        public int pick(List<? extends ThreadView> enabled, long step) {
            if (steps > 0) {
                for (int i = 0; i < enabled.size(); i++) {
                    ThreadView t = enabled.get(i);
                    if (t.threadName().equals(first)) {
                        if (t.pendingOperation() == op) {
                            steps--;
                        }
                        return i;
                    }
                }
            }
            for (String name : then) {
                for (int i = 0; i < enabled.size(); i++) {
                    if (enabled.get(i).threadName().startsWith(name)) {
                        return i;
                    }
                }
            }
            return 0;
        }

        @Override
        public String describe() {
            return "interleave(" + first + ")";
        }
    }
}
