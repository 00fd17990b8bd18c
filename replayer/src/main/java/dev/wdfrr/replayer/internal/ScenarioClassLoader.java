package dev.wdfrr.replayer.internal;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads a user's classes from their classpath and nowhere else: its parent is the JDK's
 * platform loader, not the application's, so neither wdfrr's own dependencies nor anything
 * else on the command's classpath can stand in for a class the user names. Only wdfrr's API
 * packages are taken from wdfrr itself (a scenario must see the very {@code Scenario} and
 * {@code WdfRuntime} types the runtime uses); a user's copies of those jars are ignored.
 */
public final class ScenarioClassLoader extends URLClassLoader {
    /** The wdfrr packages a scenario shares with the command that runs it. */
    private static final String[] SHARED = {"dev.wdfrr.runtime.", "dev.wdfrr.replayer.", "dev.wdfrr.tracer.", "dev.wdfrr.scenarios."};

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader wdfrr;

    public ScenarioClassLoader(URL[] urls) {
        super("wdfrr-scenario", urls, ClassLoader.getPlatformClassLoader());
        this.wdfrr = ScenarioClassLoader.class.getClassLoader();
    }

    /** True for a class name in a package a scenario shares with wdfrr. */
    public static boolean shared(String name) {
        for (String p : SHARED) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return wdfrr.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (shared(name.replace('/', '.'))) {
            return wdfrr.getResource(name);
        }
        return super.getResource(name);
    }
}
