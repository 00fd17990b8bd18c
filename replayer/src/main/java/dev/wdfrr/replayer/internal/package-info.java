/** Internal: the replay session (recorded cursor, checker, context), not API. */
package dev.wdfrr.replayer.internal;
