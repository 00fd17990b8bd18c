/** Internal: the extension behind {@link dev.wdfrr.junit.WdfTest}. Not API. */
package dev.wdfrr.junit.internal;
