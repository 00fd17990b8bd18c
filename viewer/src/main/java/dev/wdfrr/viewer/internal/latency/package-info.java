/** Internal: latency datasets (log buckets, CDF, decimated scatter) and the JFreeChart charts built from them. */
package dev.wdfrr.viewer.internal.latency;
