/**
 * JMH benchmarks, run on demand and never by the test suite. Every figure is reported as a
 * ratio against a baseline measured in the same run; see BENCHMARKS.md for commands and results.
 */
package dev.wdfrr.bench;
