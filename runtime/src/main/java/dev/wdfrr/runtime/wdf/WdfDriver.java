package dev.wdfrr.runtime.wdf;

/** The driver object: the root of every object tree. It has no device ancestor. */
public interface WdfDriver extends WdfObject {
}
