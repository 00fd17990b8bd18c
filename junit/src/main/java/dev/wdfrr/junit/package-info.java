/**
 * JUnit 5 support: {@link WdfTest} runs a test method on the wdfrr runtime, records a trace per
 * iteration, explores schedules, and replays a saved failure.
 */
package dev.wdfrr.junit;
