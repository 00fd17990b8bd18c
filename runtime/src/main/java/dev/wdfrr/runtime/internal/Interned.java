package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.NameKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The strings and call sites a run's events refer to by id: each gets its name event the first
 * time it is used, so a trace names it once however often it occurs.
 */
final class Interned {
    private final Kernel kernel;
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<String, Integer> sites = new HashMap<>();

    Interned(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The id of a string (a violation's or failure's text). */
    int string(LogicalThread t, String text) {
        return idOf(strings, t, NameKind.STRING, text);
    }

    /** The id of a call site ("Class.method(File.java:N)"). */
    int site(LogicalThread t, String site) {
        return idOf(sites, t, NameKind.SITE, site);
    }

    private int idOf(Map<String, Integer> ids, LogicalThread t, NameKind kind, String text) {
        Integer id = ids.get(text);
        if (id == null) {
            id = ids.size() + 1; // ids count from 1 in the order of first use, and none is ever dropped
            ids.put(text, id);
            kernel.name(t, kind, id, text);
        }
        return id;
    }
}
