package dev.wdfrr.runtime.internal;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
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

    /**
     * A factory of virtual threads that run on {@code scheduler} instead of the JDK's shared one,
     * or null when this JDK does not let us choose: the builder that takes a scheduler is not
     * public API (it needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which wdfrr's jar
     * and its documented test setup give), and before JDK 24 a virtual thread blocked inside
     * {@code synchronized} pins its carrier, which a lane with one carrier could not survive.
     */
    public static ThreadFactory factory(Executor scheduler) {
        if (FACTORY == null || Runtime.version().feature() < 24) {
            return null;
        }
        try {
            Class<?> builderType = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> withScheduler = builderType.getDeclaredConstructor(Executor.class);
            withScheduler.setAccessible(true);
            Object builder = withScheduler.newInstance(scheduler);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened to us, or a JDK without that constructor: the shared scheduler it is
        }
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
