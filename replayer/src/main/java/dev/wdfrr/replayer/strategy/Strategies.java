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
        /** Uniformly random among the enabled threads at every step. */
        RANDOM("random"),
        /** PCT with change points over the steps where two or more threads are enabled. */
        PCT("pct"),
        /** PCT with change points over every scheduling step (the first version). */
        PCT_ALL("pct-all"),
        /** Partial order sampling without dependency information. */
        POS("pos"),
        /** Partial order sampling that redraws the priorities of conflicting steps. */
        POS_DEP("pos-dep");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** By its name as the command line writes it ({@code pos-dep}) or as the enum does ({@code POS_DEP}). */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(s) || k.name().equalsIgnoreCase(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown strategy '" + s + "' (expected " + names() + ")");
        }

        /** "random, pct, pct-all, pos or pos-dep". */
        public static String names() {
            StringBuilder sb = new StringBuilder();
            Kind[] all = values();
            for (int i = 0; i < all.length; i++) {
                sb.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].label);
            }
            return sb.toString();
        }

        /** True for the kinds that need an expected run length ({@link #create}'s {@code expectedSteps}). */
        public boolean needsSteps() {
            return this == PCT || this == PCT_ALL;
        }

        /** True when the expected length counts only steps with two or more enabled threads. */
        public boolean countsChoices() {
            return this == PCT;
        }

        @Override
        public String toString() {
            return label.toLowerCase(Locale.ROOT);
        }
    }

    private Strategies() {
    }

    /**
     * A fresh strategy of this kind for one schedule.
     *
     * @param expectedSteps how long a run is, for PCT's change points: steps with two or more
     *                      enabled threads for {@link Kind#PCT}, all steps for {@link Kind#PCT_ALL}
     */
    public static Strategy create(Kind kind, long seed, int depth, long expectedSteps) {
        return switch (kind) {
            case RANDOM -> new RandomStrategy(seed);
            case PCT -> new PctStrategy(seed, depth, expectedSteps, PctStrategy.Steps.CHOICES);
            case PCT_ALL -> new PctStrategy(seed, depth, expectedSteps, PctStrategy.Steps.ALL);
            case POS -> PosStrategy.plain(seed);
            case POS_DEP -> PosStrategy.dependencyAware(seed);
        };
    }
}
