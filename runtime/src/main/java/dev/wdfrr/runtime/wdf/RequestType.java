package dev.wdfrr.runtime.wdf;

/** The type of an I/O request (its IRP major function); ids are stable in traces. */
public enum RequestType {
    /** IRP_MJ_READ ({@code ReadFile}). */
    READ(1, "read"),
    /** IRP_MJ_WRITE ({@code WriteFile}). */
    WRITE(2, "write"),
    /** IRP_MJ_DEVICE_CONTROL ({@code DeviceIoControl}). */
    DEVICE_CONTROL(3, "device control"),
    /** IRP_MJ_INTERNAL_DEVICE_CONTROL (from another driver). */
    INTERNAL_DEVICE_CONTROL(4, "internal device control");

    private final int id;
    private final String label;

    RequestType(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The type with this id, or null. */
    public static RequestType ofId(long id) {
        for (RequestType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
