package dev.wdfrr.runtime.wdf;

/** {@code WDF_POWER_DEVICE_STATE}: the device power state a D0Entry comes from or a D0Exit goes to. */
public enum PowerState {
    D0(1), D1(2), D2(3), D3(4), D3_FINAL(5);

    private final int id;

    PowerState(int id) {
        this.id = id;
    }

    /** The framework's value (WdfPowerDeviceD0 = 1 … WdfPowerDeviceD3Final = 5). */
    public int id() {
        return id;
    }

    public static PowerState ofId(long id) {
        for (PowerState s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        return null;
    }
}
