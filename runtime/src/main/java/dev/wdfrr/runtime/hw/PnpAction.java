package dev.wdfrr.runtime.hw;

/** A Plug and Play request the PnP manager sends a device; ids are stable in traces ({@code pnp_arrival}). */
public enum PnpAction {
    /** IRP_MN_START_DEVICE, the first time. */
    START(1, "start"),
    /** IRP_MN_QUERY_STOP_DEVICE then IRP_MN_STOP_DEVICE (resource rebalance). */
    STOP(2, "stop"),
    /** IRP_MN_START_DEVICE after a stop. */
    RESTART(3, "restart"),
    /** IRP_MN_QUERY_REMOVE_DEVICE then IRP_MN_REMOVE_DEVICE (orderly removal). */
    REMOVE(4, "remove"),
    /** IRP_MN_SURPRISE_REMOVAL (the device is gone). */
    SURPRISE_REMOVE(5, "surprise remove"),
    /** IRP_MN_REMOVE_DEVICE after a surprise removal (the last handle closed). */
    REMOVE_AFTER_SURPRISE(6, "remove after surprise removal");

    private final int id;
    private final String label;

    PnpAction(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static PnpAction ofId(long id) {
        for (PnpAction a : values()) {
            if (a.id == id) {
                return a;
            }
        }
        return null;
    }
}
