package com.example.bluetooth;

import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.KernelEvent;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;

/**
 * The reference count of the Bluetooth driver that model checkers of the 2000s found a bug in
 * (KISS, Qadeer and Wu, PLDI 2004): I/O takes a reference unless the device is stopping; the
 * PnP stop path marks it stopping, drops the initial reference, waits until the count reaches
 * zero, then stops the device. Its shared state lives in the device context, as traced cells,
 * and the stop path waits on a kernel event.
 */
public final class BluetoothDevice {
    /** The device context: zeroed cells, filled in by the runtime. */
    static final class Context {
        LongCell pendingIo;
        BooleanCell stoppingFlag;
        BooleanCell stopped;
        KernelEvent stoppingEvent;
    }

    private final WdfRuntime rt;
    private final WdfDevice device;
    private final Context ctx;

    public BluetoothDevice(WdfRuntime rt) {
        this.rt = rt;
        device = rt.createDevice(DeviceConfig.named("bt0"), ObjectAttributes.none().context(Context.class));
        ctx = device.context(Context.class);
        ctx.pendingIo.set(1); // the reference the stop path drops
        ctx.stoppingEvent = rt.createEvent("stopping", KernelEvent.Type.NOTIFICATION, false);
    }

    /** Takes a reference for an I/O request; false when the device is stopping. */
    boolean ioIncrement() {
        if (ctx.stoppingFlag.get()) {
            return false;
        }
        ctx.pendingIo.incrementAndGet();
        return true;
    }

    void ioDecrement() {
        if (ctx.pendingIo.decrementAndGet() == 0) {
            ctx.stoppingEvent.set();
        }
    }

    /** An I/O request: it may only touch the device while it holds a reference. */
    public boolean dispatchIo() {
        if (!ioIncrement()) {
            return false;
        }
        assert !ctx.stopped.get() : "I/O on a stopped device";
        ioDecrement();
        return true;
    }

    /** The PnP stop path. */
    public void stop() {
        ctx.stoppingFlag.set(true);
        ioDecrement();
        ctx.stoppingEvent.await();
        ctx.stopped.set(true);
    }

    public boolean stopped() {
        return ctx.stopped.get();
    }

    public long pendingIo() {
        return ctx.pendingIo.get();
    }

    /** The device is removed (the PnP manager's removal: the framework deletes its objects). */
    public void remove() {
        rt.removeDevice(device);
    }
}
