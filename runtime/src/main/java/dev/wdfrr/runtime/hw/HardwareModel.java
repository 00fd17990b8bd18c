package dev.wdfrr.runtime.hw;

/**
 * What the hardware does when an event arrives (a packet, a DMA completion, a sample): runs on
 * the device thread, usually pushes to a FIFO and sets bits in {@link VirtualDevice#STATUS}.
 */
@FunctionalInterface
public interface HardwareModel {
    void onArrival(VirtualDevice device, long arrivalIndex) throws Exception;
}
