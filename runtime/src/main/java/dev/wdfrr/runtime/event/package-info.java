/**
 * What the runtime reports: every {@link dev.wdfrr.runtime.event.EventType} with its stable
 * numeric id, the allocation-free {@link dev.wdfrr.runtime.event.EventSink} SPI a tracer
 * implements, an in-memory sink, and the enums traced as event arguments.
 */
package dev.wdfrr.runtime.event;
