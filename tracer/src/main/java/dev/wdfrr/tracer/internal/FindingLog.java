package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.Rule;
import dev.wdfrr.tracer.TraceCheck.Finding;
import dev.wdfrr.tracer.TraceCheck.Severity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the findings of one check: counts per rule, the first {@code cap} findings kept, and
 * the merge of an offline finding with the violation the runtime recorded for the same thing.
 *
 * <p>The runtime traces a violation right after the event it concerns, on the same thread, with
 * only name events (the interned message) in between; a hand-made trace may put it just before.
 * So an offline finding and a recorded violation are the same thing when they have the same
 * rule, the same thread, the same object (or the recorded one names none, as the runtime's
 * "lock still held at return" does), and no other event of that thread lies between them.
 * Leaks are reported at shutdown, far from the creation, and are matched by object instead.
 */
public final class FindingLog {
    /** Leaks are reported at the end, far from the object's creation: matched by object. */
    private static final java.util.Set<String> LEAKS = java.util.Set.of(Rule.LEAKED_WORK_ITEM.verifierName(),
            Rule.LEAKED_REQUEST.verifierName());

    /** A logged finding: its slot in {@link #kept} (-1 when over the cap), and whether it was merged. */
    private static final class Entry {
        Finding finding;
        final int slot;
        boolean merged;

        Entry(Finding finding, int slot) {
            this.finding = finding;
            this.slot = slot;
        }
    }

    /**
     * Per thread: the last event that was not a violation, the offline findings made at it, and
     * the recorded violations seen before it (since the previous such event) and after it.
     */
    private static final class Anchor {
        List<Entry> offline = new ArrayList<>(2);
        List<Entry> recordedBefore = new ArrayList<>(2);
        List<Entry> recordedAfter = new ArrayList<>(2);
    }

    private final int cap;
    private final ArrayList<Finding> kept = new ArrayList<>();
    private final TreeMap<String, Long> counts = new TreeMap<>();
    private long omitted;
    private long errors;
    private long warnings;
    private final Map<Integer, Anchor> anchors = new HashMap<>();
    private final Map<Integer, Entry> recordedLeaks = new HashMap<>();

    /** @param cap findings kept in full; beyond it only counted */
    public FindingLog(int cap) {
        this.cap = cap;
    }

    /**
     * Moves the thread's anchor to an event that is not a violation; call for every such event
     * before logging its findings.
     */
    public void event(int thread) {
        Anchor a = anchors.get(thread);
        if (a == null) {
            return; // nothing to move: a thread gets an anchor only while it has findings to pair
        }
        a.offline.clear();
        List<Entry> spare = a.recordedBefore;
        spare.clear();
        a.recordedBefore = a.recordedAfter;
        a.recordedAfter = spare;
        if (a.recordedBefore.isEmpty()) {
            anchors.remove(thread);
        }
    }

    /** A finding of the offline check, made at the thread's current event. */
    public void offline(int thread, Finding f) {
        Entry e = add(f);
        Anchor a = anchors.computeIfAbsent(thread, k -> new Anchor());
        Entry recorded = match(a.recordedBefore, f, false);
        if (recorded != null) {
            merge(e, recorded);
        } else {
            a.offline.add(e);
        }
    }

    /** A violation the runtime recorded in the trace. */
    public void recorded(int thread, Finding f) {
        Entry e = add(f);
        if (LEAKS.contains(f.rule()) && f.object() != 0) {
            recordedLeaks.putIfAbsent(f.object(), e);
        }
        Anchor a = anchors.computeIfAbsent(thread, k -> new Anchor());
        Entry offline = match(a.offline, f, true);
        if (offline != null) {
            merge(offline, e);
        } else {
            a.recordedAfter.add(e);
        }
    }

    /** An offline leak finding, found at the end: merged with the runtime's leak report of the same item. */
    public void leak(Finding f) {
        Entry e = add(f);
        Entry recorded = recordedLeaks.get(f.object());
        if (recorded != null && !recorded.merged) {
            merge(e, recorded);
        }
    }

    private Entry add(Finding f) {
        counts.merge(f.rule(), 1L, Long::sum);
        if (f.severity() == Severity.ERROR) {
            errors++;
        } else {
            warnings++;
        }
        if (kept.size() < cap) {
            kept.add(f);
            return new Entry(f, kept.size() - 1);
        }
        omitted++;
        return new Entry(f, -1);
    }

    private static Entry match(List<Entry> candidates, Finding f, boolean fIsRecorded) {
        for (Entry e : candidates) {
            if (e.merged || !e.finding.rule().equals(f.rule())) {
                continue;
            }
            int recordedObject = fIsRecorded ? f.object() : e.finding.object();
            if (e.finding.object() == f.object() || recordedObject == 0) {
                return e;
            }
        }
        return null;
    }

    /** Two findings become one: the offline one (it names the offending event), noting the recorded one. */
    private void merge(Entry offline, Entry recorded) {
        Finding merged = offline.finding.confirmedBy(recorded.finding.seq());
        offline.merged = true;
        recorded.merged = true;
        offline.finding = merged;
        counts.merge(merged.rule(), -1L, Long::sum);
        if (merged.severity() == Severity.ERROR) {
            errors--;
        } else {
            warnings--;
        }
        if (offline.slot >= 0) {
            kept.set(offline.slot, merged);
            if (recorded.slot >= 0) {
                kept.set(recorded.slot, null);
            } else {
                omitted--;
            }
        } else if (recorded.slot >= 0) {
            kept.set(recorded.slot, merged);
            omitted--;
        } else {
            omitted--;
        }
    }

    /** The kept findings in event order. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>(kept.size());
        for (Finding f : kept) {
            if (f != null) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparingLong(Finding::seq)); // stable: same-event findings keep their order
        return Collections.unmodifiableList(out);
    }

    /** Findings per rule name, rules in name order. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v > 0) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** Findings counted but not kept because of the cap. */
    public long omitted() {
        return omitted;
    }

    public long errors() {
        return errors;
    }

    public long warnings() {
        return warnings;
    }
}
