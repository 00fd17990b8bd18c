/**
 * Deterministic replay of recorded traces ({@link Replayer}), schedule exploration and
 * shrinking ({@link Explorer}, {@link Shrinker}) and trace comparison ({@link TraceDiff}).
 * Strategies live side by side in {@code strategy}.
 */
package dev.wdfrr.replayer;
