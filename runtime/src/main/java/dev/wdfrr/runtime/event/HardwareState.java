package dev.wdfrr.runtime.event;

/**
 * The state of a virtual device as its driver's PnP life sees it (pnp-power.md, "The hardware's
 * state in the model"): the argument of {@link EventType#HARDWARE_STATE}.
 */
public enum HardwareState {
    /** Before EvtDevicePrepareHardware and after EvtDeviceReleaseHardware: registers not mapped. */
    UNMAPPED(1, "unmapped"),
    /** Mapped, not in D0: only the PrepareHardware/ReleaseHardware callbacks may touch it. */
    MAPPED(2, "mapped, not in D0"),
    /** In D0: register access allowed. */
    D0(3, "D0"),
    /** Surprise-removed: reads return all ones, writes are dropped. */
    ABSENT(4, "absent");

    private final int id;
    private final String label;

    HardwareState(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static HardwareState ofId(long id) {
        for (HardwareState s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }
}
