package dev.wdfrr.tracer;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.CancelReason;
import dev.wdfrr.runtime.wdf.RequestType;

import static dev.wdfrr.tracer.EventFormat.obj;

/** The readable part of a request or queue event's line (io-queues-and-requests.md, "Events"). */
final class IoEventText {
    private IoEventText() {
    }

    static String details(EventCursor c, Names n) {
        int o = c.object();
        int r = c.related();
        long a = c.arg();
        return switch (c.type()) {
            case REQUEST_CREATE -> {
                RequestType type = RequestType.ofId(a >>> 32);
                yield (type == null ? "request" : type.label()) + " " + obj(n, o) + " length " + (a & 0xFFFFFFFFL)
                        + (r != 0 ? " to queue " + obj(n, r) : " for no queue");
            }
            case REQUEST_DISPATCH -> {
                CallbackKind k = CallbackKind.ofId(a);
                yield obj(n, o) + (k == CallbackKind.RETRIEVED ? " retrieved from " : " to " + (k == null ? "callback " + a : k.label())
                        + " of ") + obj(n, r);
            }
            case REQUEST_COMPLETE -> obj(n, o) + " " + NtStatus.describe(a & 0xFFFFFFFFL) + " information " + (a >>> 32)
                    + (r != 0 ? " on " + obj(n, r) : "");
            case REQUEST_CANCEL -> {
                CancelReason why = CancelReason.ofId(a & 0xFF);
                CancelReason.StateAtCancel state = CancelReason.StateAtCancel.ofId(a >> 8);
                yield obj(n, o) + " by " + (why == null ? "reason " + (a & 0xFF) : why.label()) + " while "
                        + (state == null ? "state " + (a >> 8) : state.label());
            }
            case REQUEST_MARK_CANCELABLE -> obj(n, o) + switch ((int) a) {
                case 1 -> " marked cancelable";
                case 2 -> " already cancelled: cancel routine scheduled";
                case 3 -> " already cancelled: STATUS_CANCELLED returned";
                default -> " refused";
            };
            case REQUEST_UNMARK_CANCELABLE -> obj(n, o) + switch ((int) a) {
                case 1 -> " unmarked: STATUS_SUCCESS";
                case 2 -> " STATUS_CANCELLED: the cancel routine owns it";
                default -> " refused";
            };
            case REQUEST_FORWARD -> obj(n, o) + " to " + obj(n, r) + (a == 0 ? " forwarded" : ": " + NtStatus.describe(a));
            case REQUEST_REQUEUE -> obj(n, o) + (a == 1 ? " back at the head of " : a == 2 ? " cancelled instead (purge) on "
                    : " refused on ") + obj(n, r);
            case REQUEST_STOP_ACK -> obj(n, o) + (a == 1 ? " acknowledged, requeued" : " acknowledged, kept");
            case QUEUE_START -> obj(n, o) + (a == 2 ? " powered up" : " started");
            case QUEUE_STOP -> obj(n, o) + ((a & 4) != 0 ? " power-down hold" : (a & 2) != 0 ? " stop and purge" : " stop")
                    + ((a & 1) != 0 ? " (synchronously)" : "");
            case QUEUE_PURGE -> obj(n, o) + ((a & 4) != 0 ? " purged by the framework" : " purge")
                    + ((a & 1) != 0 ? " (synchronously)" : "");
            case QUEUE_DRAIN -> obj(n, o) + " drain" + (a == 1 ? " (synchronously)" : "");
            case QUEUE_IDLE -> obj(n, o) + switch ((int) a) {
                case 1 -> " stopped";
                case 2 -> " purged";
                case 3 -> " drained";
                case 4 -> " powered off";
                case 0 -> " (a thread left its dispatch loop)";
                case 5 -> " empty retrieval while a cancel is in flight: the next arrival notifies";
                default -> " idle " + a;
            };
            case QUEUE_READY_NOTIFY -> obj(n, o) + (a == 1 ? " ready notify registered" : " ready notify cleared");
            default -> throw new IllegalArgumentException("not an I/O event: " + c.type());
        };
    }
}
