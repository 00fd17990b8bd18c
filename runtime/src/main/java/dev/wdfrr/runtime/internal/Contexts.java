package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.WdfException;

/** Typed context memory: zero-initialised (a fresh instance), it lives and dies with its object. */
final class Contexts {
    private Contexts() {
    }

    /** A fresh context of {@code type}, or null for none (null or {@code Void}). */
    static Object newContext(Class<?> type) {
        if (type == null || type == Void.class) {
            return null;
        }
        try {
            var ctor = type.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WdfException(NtStatus.INVALID_PARAMETER, "context type " + type.getName()
                    + " needs a no-argument constructor (" + e + ")");
        }
    }
}
