/** Internal: the desktop window: tabs of traces, events table, latency panel, files, settings, themes. */
package dev.wdfrr.viewer.internal.app;
