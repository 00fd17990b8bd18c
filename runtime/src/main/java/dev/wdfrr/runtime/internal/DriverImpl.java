package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.WdfDriver;

/** The driver object, root of the tree. */
final class DriverImpl extends ObjectImpl implements WdfDriver {
    DriverImpl(Lifetime lifetime, int id) {
        super(lifetime, id, "driver", ObjectKind.DRIVER, null, null, null);
    }

    /** {@code FxDriver::Initialize}: MarkNoDeleteDDI. */
    @Override
    boolean noDeleteDdi() {
        return true;
    }
}
