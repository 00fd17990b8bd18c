/** Internal: the timeline: viewport arithmetic, painting (shared by the window and headless images) and its Swing component. */
package dev.wdfrr.viewer.internal.timeline;
