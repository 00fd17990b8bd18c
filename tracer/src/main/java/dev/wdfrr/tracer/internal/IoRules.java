package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.Names;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The request and hardware rules a trace alone decides (io-queues-and-requests.md and
 * pnp-power.md, "Verifier checks"): a request completed twice or used after its completion,
 * completed while still cancelable outside its cancel routine, never completed
 * (LeakedRequest, at the end); a register touched while its device's registers are unmapped
 * or it is out of D0 outside EvtDevicePrepareHardware/ReleaseHardware. Memory: one bit per
 * completed request and one small record per request not completed yet, per virtual device
 * and per device.
 */
final class IoRules {
    private static final int CANCELABLE = 1;
    private static final int ROUTINE_STARTED = 2;

    private final Names names;
    private final Reporter reporter;
    private final BitSet completed = new BitSet();
    /** Requests not completed yet: their flags. */
    private final Map<Integer, int[]> live = new java.util.LinkedHashMap<>();
    /** Per virtual device with a PnP life: its mapping state id, and whether it is absent. */
    private final Map<Integer, int[]> hardware = new HashMap<>();
    /** Per device: the thread in its PrepareHardware or ReleaseHardware callback, or absent. */
    private final Map<Integer, Integer> hardwareCallback = new HashMap<>();
    /** The virtual devices created so far. */
    private final BitSet virtualDevices = new BitSet();
    /** The devices' own threads (they write their registers as hardware): thread id → virtual device. */
    private final Map<Integer, Integer> deviceThreads = new HashMap<>();

    IoRules(Names names, Reporter reporter) {
        this.names = names;
        this.reporter = reporter;
    }

    void accept(EventCursor c, EventType t) {
        switch (t) {
            case REQUEST_CREATE -> live.put(c.object(), new int[] {0});
            case REQUEST_COMPLETE -> complete(c);
            case REQUEST_MARK_CANCELABLE -> {
                if (used(c, "WdfRequestMarkCancelable") && (c.arg() == 1 || c.arg() == 2)) {
                    flags(c)[0] |= CANCELABLE;
                }
            }
            case REQUEST_UNMARK_CANCELABLE -> {
                if (used(c, "WdfRequestUnmarkCancelable") && c.arg() == 1) {
                    flags(c)[0] &= ~CANCELABLE;
                }
            }
            case REQUEST_FORWARD -> used(c, "WdfRequestForwardToIoQueue");
            case REQUEST_REQUEUE -> used(c, "WdfRequestRequeue");
            case REQUEST_STOP_ACK -> used(c, "WdfRequestStopAcknowledge");
            case EVT_CALLBACK_START -> {
                if (c.related() == CallbackKind.EVT_REQUEST_CANCEL.id() && live.containsKey(c.object())) {
                    flags(c)[0] |= ROUTINE_STARTED; // FXREQUEST_FLAG_CANCELLED: completing is allowed from now on
                } else if (c.related() == CallbackKind.PREPARE_HARDWARE.id() || c.related() == CallbackKind.RELEASE_HARDWARE.id()) {
                    hardwareCallback.put(c.object(), c.thread());
                }
            }
            case PREPARE_HARDWARE, RELEASE_HARDWARE -> hardwareCallback.put(c.object(), c.thread());
            case EVT_CALLBACK_END -> {
                if (c.related() == CallbackKind.PREPARE_HARDWARE.id() || c.related() == CallbackKind.RELEASE_HARDWARE.id()) {
                    hardwareCallback.remove(c.object());
                }
            }
            case HARDWARE_STATE -> hardwareState(c);
            case OBJECT_CREATE -> {
                if (c.arg() == ObjectKind.VIRTUAL_DEVICE.id()) {
                    virtualDevices.set(c.object());
                }
            }
            case THREAD_START -> {
                if (c.related() != 0 && virtualDevices.get(c.related())) {
                    deviceThreads.put(c.object(), c.related());
                }
            }
            case REG_READ, REG_WRITE -> register(c, t == EventType.REG_WRITE);
            default -> { }
        }
    }

    private int[] flags(EventCursor c) {
        return live.computeIfAbsent(c.object(), k -> new int[] {0});
    }

    private void complete(EventCursor c) {
        int id = c.object();
        if (completed.get(id)) {
            reporter.error(c, Rule.REQUEST_COMPLETED_TWICE, id, "request " + Describe.object(names, id) + " completed again on "
                    + names.thread(c.thread()) + " (" + NtStatus.describe(c.arg() & 0xFFFFFFFFL) + ")");
            return;
        }
        int[] f = live.remove(id);
        completed.set(id);
        if (f != null && (f[0] & CANCELABLE) != 0 && (f[0] & ROUTINE_STARTED) == 0) {
            reporter.error(c, Rule.COMPLETE_CANCELABLE, id, "request " + Describe.object(names, id) + " completed on "
                    + names.thread(c.thread()) + " while still marked cancelable, outside its cancel routine");
        }
    }

    /** False (after reporting) when the request was completed before. */
    private boolean used(EventCursor c, String call) {
        if (!completed.get(c.object())) {
            return true;
        }
        reporter.error(c, Rule.USE_AFTER_COMPLETE, c.object(), call + " of request " + Describe.object(names, c.object())
                + " on " + names.thread(c.thread()) + " after it was completed");
        return false;
    }

    private void hardwareState(EventCursor c) {
        int[] h = hardware.computeIfAbsent(c.object(), k -> new int[] {HardwareState.UNMAPPED.id(), 0, c.related()});
        if (c.arg() == HardwareState.ABSENT.id()) {
            h[1] = 1;
        } else {
            h[0] = (int) c.arg();
        }
        h[2] = c.related();
    }

    private void register(EventCursor c, boolean write) {
        int[] h = hardware.get(c.object());
        if (h == null || deviceThreads.containsKey(c.thread())) {
            return; // no PnP life declared, or the hardware itself
        }
        String access = (write ? "write of " : "read of ") + Describe.object(names, c.object()) + " register " + c.related()
                + " on " + names.thread(c.thread());
        if (h[0] == HardwareState.UNMAPPED.id()) {
            reporter.error(c, Rule.HARDWARE_ACCESS_UNMAPPED, c.object(), access + " while its registers are not mapped");
        } else if (h[0] == HardwareState.MAPPED.id() && !Integer.valueOf(c.thread()).equals(hardwareCallback.get(h[2]))) {
            reporter.error(c, Rule.HARDWARE_ACCESS_OUTSIDE_D0, c.object(), access + " while its device is out of D0");
        }
    }

    /** Requests never completed, for the leak report at the end. */
    Map<Integer, int[]> notCompleted() {
        return live;
    }
}
