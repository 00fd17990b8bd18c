/**
 * Internal implementation of the runtime: the kernel, the two engines, and the framework
 * objects. Nothing outside the runtime module may import it; its types change without notice.
 */
package dev.wdfrr.runtime.internal;
