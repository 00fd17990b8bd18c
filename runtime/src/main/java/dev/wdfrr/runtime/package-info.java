/**
 * The runtime's entry points: {@link dev.wdfrr.runtime.WdfRuntime} (what driver code talks to),
 * {@link dev.wdfrr.runtime.Scenario} and {@link dev.wdfrr.runtime.WdfRunner} (a driver program and
 * how to run it), {@link dev.wdfrr.runtime.RunConfig} and {@link dev.wdfrr.runtime.RunResult}, the
 * verifier's {@link dev.wdfrr.runtime.Rule}s and the exceptions a run can raise.
 *
 * <p>The rest of the public API is grouped by what a reader looks for:
 * <ul>
 *   <li>{@code dev.wdfrr.runtime.wdf}: the framework's object model (devices, work items,
 *       interrupts, locks, their configs and callbacks);</li>
 *   <li>{@code dev.wdfrr.runtime.hw}: the virtual hardware that feeds it;</li>
 *   <li>{@code dev.wdfrr.runtime.event}: the events the runtime reports and the sink SPI;</li>
 *   <li>{@code dev.wdfrr.runtime.engine}: the deterministic engine's strategy SPI.</li>
 * </ul>
 */
package dev.wdfrr.runtime;
