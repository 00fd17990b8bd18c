package dev.wdfrr.runtime.hw;

import java.util.Arrays;

/** The share of reads, writes and device controls an I/O source sends (normalised), and the ioctl codes it picks from. */
public record RequestMix(double read, double write, double deviceControl, int[] ioControlCodes) {
    public RequestMix {
        if (read < 0 || write < 0 || deviceControl < 0 || !(read + write + deviceControl > 0)) {
            throw new IllegalArgumentException("request mix shares must be >= 0 and not all 0, got " + read + "/" + write
                    + "/" + deviceControl);
        }
        ioControlCodes = ioControlCodes == null || ioControlCodes.length == 0 ? new int[] {0} : ioControlCodes.clone();
    }

    public static RequestMix reads() {
        return new RequestMix(1, 0, 0, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestMix m && m.read == read && m.write == write && m.deviceControl == deviceControl
                && Arrays.equals(m.ioControlCodes, ioControlCodes);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(read) * 31 + Double.hashCode(write) * 7 + Arrays.hashCode(ioControlCodes);
    }

    @Override
    public String toString() {
        return "RequestMix[read=" + read + ", write=" + write + ", deviceControl=" + deviceControl + ", codes="
                + Arrays.toString(ioControlCodes) + "]";
    }
}
