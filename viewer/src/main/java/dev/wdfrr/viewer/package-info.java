/** The desktop viewer of traces (Swing, JFreeChart, FlatLaf) and headless chart rendering. */
package dev.wdfrr.viewer;
