/**
 * Internal: the viewer's implementation. Only {@code dev.wdfrr.viewer} is API; no other module
 * imports these packages, and they change without notice.
 */
package dev.wdfrr.viewer.internal;
