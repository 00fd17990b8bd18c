package dev.wdfrr.runtime.internal;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads where the JDK has them (21 and later), reached by reflection so that the
 * project still compiles for and runs on Java 17: {@code Thread.ofVirtual().factory()} is looked
 * up once; on 17 it is absent and {@link #factory()} is null.
 */
public final class VirtualThreads {
    private static final ThreadFactory FACTORY = lookUp();

    private VirtualThreads() {
    }

    /** A factory of unstarted virtual threads, or null on a JDK without them. */
    public static ThreadFactory factory() {
        return FACTORY;
    }

    /** True for a virtual thread ({@code Thread.isVirtual()}, absent on 17). */
    public static boolean isVirtual(Thread t) {
        if (FACTORY == null) {
            return false;
        }
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static ThreadFactory lookUp() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17 (or 19/20 without --enable-preview): platform threads only
        }
    }
}
