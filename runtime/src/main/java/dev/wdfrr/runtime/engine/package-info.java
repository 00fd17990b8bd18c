/**
 * The deterministic engine's scheduling SPI: a {@link dev.wdfrr.runtime.engine.Strategy} picks the
 * next thread among the enabled {@link dev.wdfrr.runtime.engine.ThreadView}s at every scheduling
 * point. The strategies themselves live in the replayer; only the seeded random one is here,
 * as the runtime's default.
 */
package dev.wdfrr.runtime.engine;
