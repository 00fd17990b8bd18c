package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.engine.Strategy;

import java.util.Locale;

/** Makes exploration strategies by name: a fresh one per schedule. */
public final class Strategies {
    /** Steps PCT draws its change points from when nothing better is known. */
    public static final long DEFAULT_PCT_STEPS = 200;

    /** The exploring strategies. */
    public enum Kind {
        RANDOM, PCT;

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.name().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown strategy '" + s + "' (expected random or pct)");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Strategies() {
    }

    /** A fresh strategy of this kind for one schedule. */
    public static Strategy create(Kind kind, long seed, int depth, long expectedSteps) {
        return switch (kind) {
            case RANDOM -> new RandomStrategy(seed);
            case PCT -> new PctStrategy(seed, depth, expectedSteps);
        };
    }
}
