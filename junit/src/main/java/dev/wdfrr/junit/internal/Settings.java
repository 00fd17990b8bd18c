package dev.wdfrr.junit.internal;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.replayer.TestFixtures;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.Durations;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link WdfTest} annotation checked once: every bad value is an
 * {@link ExtensionConfigurationException} naming the method and the value, never a skipped test.
 */
record Settings(WdfTest annotation, Method method, long periodNanos, long jitterNanos, Strategies.Kind strategy, Path replay) {
    static Settings validate(WdfTest a, Method method) {
        String where = "@WdfTest on " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": ";
        if (Modifier.isStatic(method.getModifiers())) {
            throw new ExtensionConfigurationException(where + "the method must not be static");
        }
        if (a.iterations() <= 0) {
            throw new ExtensionConfigurationException(where + "iterations must be at least 1, got " + a.iterations());
        }
        if (a.workers() < 1 || a.cpus() < 1) {
            throw new ExtensionConfigurationException(where + "workers and cpus must be at least 1");
        }
        if (a.depth() < 1) {
            throw new ExtensionConfigurationException(where + "depth must be at least 1, got " + a.depth());
        }
        if (a.arrivals() < 0) {
            throw new ExtensionConfigurationException(where + "arrivals must be >= 0, got " + a.arrivals());
        }
        long period = duration(where, a.period(), "period");
        if (period <= 0) {
            throw new ExtensionConfigurationException(where + "period must be positive");
        }
        long jitter = duration(where, a.jitter(), "jitter");
        for (Class<?> p : method.getParameterTypes()) {
            if (!TestFixtures.supports(p)) {
                throw new ExtensionConfigurationException(where + "cannot supply a parameter of type " + p.getName()
                        + " (supported: WdfRuntime, WdfDevice, VirtualDevice)");
            }
        }
        Path replay = null;
        if (!a.replay().isEmpty()) {
            replay = Path.of(a.replay());
            if (!Files.isDirectory(replay)) {
                throw new ExtensionConfigurationException(where + "replay trace " + a.replay() + " does not exist (relative to "
                        + Path.of("").toAbsolutePath() + ")");
            }
        }
        return new Settings(a, method, period, jitter, Strategies.Kind.parse(a.strategy().name()), replay);
    }

    private static long duration(String where, String text, String what) {
        try {
            return Durations.parse(text, what);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(where + e.getMessage());
        }
    }

    /** "RacyCase.racy". */
    String testName() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
