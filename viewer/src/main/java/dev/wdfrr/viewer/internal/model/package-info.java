/**
 * Internal: the in-memory model of a trace, built in one streaming pass: event columns, spans
 * per lane with their level-of-detail index, request chains, latency samples; plus loading,
 * following and diffing. Everything is stored in chunked primitive arrays, never an object per
 * event. A model is confined to one thread at a time: built by a loader, then handed to the
 * Swing event thread, which alone appends to it while following.
 */
package dev.wdfrr.viewer.internal.model;
