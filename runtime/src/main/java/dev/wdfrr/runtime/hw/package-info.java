/**
 * Virtual hardware: a {@link dev.wdfrr.runtime.hw.VirtualDevice} with registers, FIFOs and an
 * {@link dev.wdfrr.runtime.hw.InterruptSource} whose arrivals raise interrupts, so that driver
 * code meets the same timing under every engine and in replay.
 */
package dev.wdfrr.runtime.hw;
