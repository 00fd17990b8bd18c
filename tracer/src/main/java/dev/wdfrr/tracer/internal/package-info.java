/** Internal: the trace wire format, batch encoding and decoding, tail recovery, the pretoucher. Not API. */
package dev.wdfrr.tracer.internal;
