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
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link WdfTest} annotation checked once, with the overrides every {@code @WdfTest} of the run
 * takes from configuration parameters ({@code -Dwdfrr.iterations=…}, {@code wdfrr.seed},
 * {@code wdfrr.strategy}, {@code wdfrr.depth}; JUnit reads them from system properties and
 * {@code junit-platform.properties}). Every bad value is an {@link ExtensionConfigurationException}
 * naming the method and the value, never a skipped test.
 *
 * @param iterations the schedules to run (or to explore after the divergence, in guide mode)
 * @param seed       the exploration's seed
 * @param depth      PCT's depth
 * @param guide      {@code replay} in guide mode: follow the recording, then explore
 */
record Settings(WdfTest annotation, Method method, long periodNanos, long jitterNanos, Strategies.Kind strategy, Path replay,
                int iterations, long seed, int depth, boolean guide) {
    static final String ITERATIONS = "wdfrr.iterations";
    static final String SEED = "wdfrr.seed";
    static final String STRATEGY = "wdfrr.strategy";
    static final String DEPTH = "wdfrr.depth";

    static Settings validate(WdfTest a, Method method, Function<String, Optional<String>> config) {
        String where = "@WdfTest on " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": ";
        if (Modifier.isStatic(method.getModifiers())) {
            throw new ExtensionConfigurationException(where + "the method must not be static");
        }
        int iterations = (int) number(config, ITERATIONS, a.iterations(), where);
        long seed = number(config, SEED, a.seed(), where);
        int depth = (int) number(config, DEPTH, a.depth(), where);
        String strategyName = config.apply(STRATEGY).map(String::strip).orElse(a.strategy().name());
        if (iterations <= 0) {
            throw new ExtensionConfigurationException(where + "iterations must be at least 1, got " + iterations);
        }
        if (a.workers() < 1 || a.cpus() < 1) {
            throw new ExtensionConfigurationException(where + "workers and cpus must be at least 1");
        }
        if (depth < 1) {
            throw new ExtensionConfigurationException(where + "depth must be at least 1, got " + depth);
        }
        if (a.arrivals() < 0) {
            throw new ExtensionConfigurationException(where + "arrivals must be >= 0, got " + a.arrivals());
        }
        Strategies.Kind strategy;
        try {
            strategy = Strategies.Kind.parse(strategyName);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + STRATEGY + ": " + e.getMessage());
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
        } else if (a.guide()) {
            throw new ExtensionConfigurationException(where + "guide = true needs replay = \"<saved trace>\" to follow");
        }
        return new Settings(a, method, period, jitter, strategy, replay, iterations, seed, depth, a.guide());
    }

    /** The configuration parameter, else the annotation's value. */
    private static long number(Function<String, Optional<String>> config, String key, long annotated, String where) {
        Optional<String> given = config.apply(key);
        if (given.isEmpty()) {
            return annotated;
        }
        try {
            return Long.parseLong(given.get().strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(where + key + " must be a whole number, got '" + given.get() + "'");
        }
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
