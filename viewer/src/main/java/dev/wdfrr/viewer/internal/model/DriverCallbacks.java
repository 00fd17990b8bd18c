package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;

import java.util.Arrays;

/**
 * Builds the driver-callback spans of a {@link TraceModel}: an EvtIo callback from its
 * request_dispatch, a PnP/power callback from its own start event (d0_entry, d0_exit,
 * prepare_hardware, release_hardware, surprise_removal), any other (EvtRequestCancel, EvtIoStop,
 * EvtTimerFunc, EvtDpcFunc, SelfManagedIo…) from its evt_callback_start, each to the
 * evt_callback_end with the same object and {@link CallbackKind}, on the lane of the thread that
 * ran it. Such a callback may run inside a DPC or a work item's callback, and one may run inside
 * another (a cancel routine run by a call the driver made in its EvtIo callback), so each lane
 * keeps a stack of them; an end closes its callback and any inside it left without an end.
 */
final class DriverCallbacks {
    /** Entries per open callback on a lane's stack: span id, index in the lane, callback kind id. */
    private static final int ENTRY = 3;

    private final TraceModel model;
    private int[][] stacks = new int[16][];
    private int[] depth = new int[16];

    DriverCallbacks(TraceModel model) {
        this.model = model;
    }

    /**
     * The callback an event opens, or null when it opens none: request_dispatch (but a manual
     * queue's retrieval, which runs no callback), the PnP/power start events, evt_callback_start.
     */
    static CallbackKind opened(EventType type, int related, long arg) {
        return switch (type) {
            case REQUEST_DISPATCH -> {
                CallbackKind k = CallbackKind.ofId(arg);
                yield k == CallbackKind.RETRIEVED ? null : k;
            }
            case EVT_CALLBACK_START -> CallbackKind.ofId(related);
            case D0_ENTRY -> CallbackKind.D0_ENTRY;
            case D0_EXIT -> CallbackKind.D0_EXIT;
            case PREPARE_HARDWARE -> CallbackKind.PREPARE_HARDWARE;
            case RELEASE_HARDWARE -> CallbackKind.RELEASE_HARDWARE;
            case SURPRISE_REMOVAL -> CallbackKind.SURPRISE_REMOVAL;
            default -> null;
        };
    }

    /** Opens a callback at {@code row}, inside span {@code parent} (-1: none) running on the lane. */
    void open(CallbackKind kind, Lane lane, int row, int object, long time, int parent) {
        int l = lane.id();
        int id = model.spans.add(SpanKind.DRIVER_CALLBACK, l, row, object, -1);
        model.spans.setParent(id, parent);
        int index = lane.addSpan(time, model.steps.step(row), id);
        int[] s = stack(l);
        int d = depth[l];
        if (d + ENTRY > s.length) {
            s = Arrays.copyOf(s, s.length * 2);
            stacks[l] = s;
        }
        s[d] = id;
        s[d + 1] = index;
        s[d + 2] = kind.id();
        depth[l] = d + ENTRY;
    }

    /** An evt_callback_end: closes the innermost open callback of that object and kind on the lane, if any. */
    void close(Lane lane, int row, int object, int kindId, long time) {
        int l = lane.id();
        if (l >= stacks.length || stacks[l] == null) {
            return;
        }
        int[] s = stacks[l];
        for (int d = depth[l] - ENTRY; d >= 0; d -= ENTRY) {
            if (s[d + 2] == kindId && model.spans.object(s[d]) == object) {
                for (int e = depth[l] - ENTRY; e >= d; e -= ENTRY) {
                    model.spans.close(s[e], row);
                    lane.closeSpan(s[e + 1], time, model.steps.step(row));
                }
                depth[l] = d;
                return;
            }
        }
    }

    /** The innermost driver callback open on the lane, or -1. */
    int innermost(int lane) {
        return lane < stacks.length && depth[lane] > 0 ? stacks[lane][depth[lane] - ENTRY] : -1;
    }

    private int[] stack(int lane) {
        if (lane >= stacks.length) {
            int n = Math.max(lane + 1, stacks.length * 2);
            stacks = Arrays.copyOf(stacks, n);
            depth = Arrays.copyOf(depth, n);
        }
        if (stacks[lane] == null) {
            stacks[lane] = new int[4 * ENTRY];
        }
        return stacks[lane];
    }
}
