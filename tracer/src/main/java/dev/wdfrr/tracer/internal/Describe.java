package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.Names;

/** How findings and exports name things: the same {@code 'name' (#id)} form as {@code dump}. */
final class Describe {
    private Describe() {
    }

    static String object(Names names, int id) {
        return "'" + names.object(id) + "' (#" + id + ")";
    }
}
