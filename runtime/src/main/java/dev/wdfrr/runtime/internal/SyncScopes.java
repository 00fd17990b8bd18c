package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.WdfException;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.SyncScope;

/** {@code FxObject::_GetEffectiveLock}: the callback lock automatic serialization takes for a timer or DPC. */
final class SyncScopes {
    private SyncScopes() {
    }

    /**
     * Inside enter/exit: the callback lock of the nearest device or queue at or above
     * {@code parent}, or null when its scope is None (nothing is checked then). A passive
     * callback under a dispatch-level owner, or a dispatch-level one under a passive owner, is a
     * verifier break and a failed create (STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL).
     */
    static LockState effectiveLock(Kernel k, LogicalThread t, ObjectImpl parent, boolean passiveCallback, String call) {
        SyncOwner owner = parent.nearestSyncOwner();
        if (owner == null) {
            return null;
        }
        SyncScope scope = owner.effectiveScope();
        if (scope == SyncScope.NONE || scope == SyncScope.INHERIT_FROM_PARENT) {
            return null;
        }
        boolean ownerPassive = owner.effectiveLevel() == ExecutionLevel.PASSIVE;
        if (passiveCallback != ownerPassive) {
            String message = "automatic serialization of a " + (passiveCallback ? "passive-level" : "dispatch-level")
                    + " callback under " + owner.describe() + " with synchronization scope " + scope
                    + " needs execution level " + (passiveCallback ? "PASSIVE" : "DISPATCH") + ", but it is "
                    + owner.effectiveLevel() + " (create fails: incompatible execution level)";
            k.violation(t, Rule.INCOMPATIBLE_EXECUTION_LEVEL, owner.id(), message);
            throw new WdfException(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL, call + ": " + message);
        }
        return owner.scopeLock();
    }

    /** The parent checks of a timer or DPC create: given, alive, with a device ancestor. Inside enter/exit. */
    static ObjectImpl parentWithDevice(Lifetime lifetime, dev.wdfrr.runtime.wdf.ObjectAttributes<?> attributes, String call) {
        if (attributes == null || attributes.parent() == null) {
            throw new WdfException(NtStatus.WDF_PARENT_NOT_SPECIFIED, call + ": parent not specified: the object needs a parent");
        }
        ObjectImpl parent = lifetime.parentOrDriver(attributes.parent());
        Lifetime.requireAlive(parent, call);
        if (parent.deviceAncestor() == null) {
            throw new WdfException(NtStatus.INVALID_DEVICE_REQUEST, call + ": invalid device request: parent "
                    + parent.describe() + " has no device among its ancestors");
        }
        return parent;
    }
}
