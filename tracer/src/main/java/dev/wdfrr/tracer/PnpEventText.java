package dev.wdfrr.tracer;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.HardwareState;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.wdf.PowerState;

import static dev.wdfrr.tracer.EventFormat.obj;

/** The readable part of a PnP, power, timer, DPC-object or driver-callback event's line. */
final class PnpEventText {
    private PnpEventText() {
    }

    static String details(EventCursor c, Names n) {
        int o = c.object();
        int r = c.related();
        long a = c.arg();
        return switch (c.type()) {
            case TIMER_START -> obj(n, o) + " due in " + EventFormat.micros(a) + (r == 1 ? " (was armed: TRUE)" : "");
            case TIMER_FIRE -> obj(n, o) + (a == 1 ? " expired, callback queued" : " expired, merged into the waiting callback");
            case TIMER_STOP, WDFDPC_CANCEL -> obj(n, o) + ((a & 1) != 0 ? " wait" : " no wait")
                    + ((a & 4) != 0 ? ", refused" : (a & 2) != 0 ? ", TRUE" : ", FALSE");
            case WDFDPC_ENQUEUE -> obj(n, o) + (a == 1 ? " queued on cpu " + (r - 1) : a == 0 ? " coalesced (already queued)" : " refused");
            case D0_ENTRY -> obj(n, o) + " from " + power(a);
            case D0_EXIT -> obj(n, o) + " to " + power(a);
            case PREPARE_HARDWARE, RELEASE_HARDWARE, SURPRISE_REMOVAL -> obj(n, o);
            case EVT_CALLBACK_START, EVT_CALLBACK_END -> {
                CallbackKind k = CallbackKind.ofId(r);
                String what = (k == null ? "callback " + r : k.label()) + " of " + obj(n, o);
                yield c.type() == dev.wdfrr.runtime.event.EventType.EVT_CALLBACK_START ? what + (a != 0 ? " arg " + a : "")
                        : what + (a != 0 ? " returned " + NtStatus.describe(a) : "");
            }
            case PNP_ARRIVAL -> {
                PnpAction action = PnpAction.ofId(a);
                yield (action == null ? "action " + a : action.label()) + " of " + obj(n, o);
            }
            case INTERRUPT_STATE -> obj(n, o) + switch ((int) a) {
                case 1 -> " connected";
                case 2 -> " enabled";
                case 3 -> " disabled";
                case 4 -> " disconnected";
                default -> " state " + a;
            };
            case HARDWARE_STATE -> {
                HardwareState s = HardwareState.ofId(a);
                yield obj(n, o) + " " + (s == null ? "state " + a : s.label());
            }
            default -> throw new IllegalArgumentException("not a PnP/timer event: " + c.type());
        };
    }

    private static String power(long id) {
        PowerState s = PowerState.ofId(id);
        return s == null ? "power state " + id : s.name();
    }
}
