/**
 * Every scheduling strategy in one place: seeded random ({@link dev.wdfrr.runtime.engine.RandomStrategy},
 * the runtime's default, made here by {@link Strategies}), PCT ({@link PctStrategy}), partial
 * order sampling ({@link PosStrategy}, plain and dependency-aware, with the dependency relation
 * in {@link Conflicts}), replay of a recorded order ({@link ReplayStrategy}) and the guided
 * strategy the shrinker uses ({@link GuidedStrategy}). Each is a small
 * {@link dev.wdfrr.runtime.engine.Strategy}; make a fresh one per run.
 */
package dev.wdfrr.replayer.strategy;
