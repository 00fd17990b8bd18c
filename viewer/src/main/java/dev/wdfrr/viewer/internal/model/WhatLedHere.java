package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.tracer.RaceReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The steps that decided a failure: a data race of the run before it, or else the conflicting
 * accesses to what the failure names.
 *
 * <p>What the failure names: the object of a verifier violation, objects whose names its text
 * quotes, and, for a broken invariant, the location the failing thread read or wrote last before
 * failing (an invariant check reads the value it judges).
 *
 * <p>When the race report ({@link RaceReport}) finds data races in the events before the
 * failure, its pair is what this shows: the two unordered accesses, each with its thread and call
 * site. Of several races: the one that lost an update of a location the failure names (the lost
 * write and the write over it, when the report lists that pair), else the last found on such a
 * location, else the last found: the nearest the failure. The failing check's read is kept when
 * it is on the race's location (it shows the value the race left).
 *
 * <p>Without a race (a use after delete, a delete waiting on itself, a trace without accesses),
 * one pass over the events up to the failure finds:
 * <ul>
 * <li>for a location (a device register or a traced cell): a lost update — a thread read it, another thread
 *     wrote it, and the first wrote it back from its stale read — is the four accesses of the
 *     two read-modify-writes; without one, the last write before the failing access;</li>
 * <li>for an object: its last delete and what other threads did with it while or after it was
 *     deleted (a callback of it running across the delete, a use after it).</li>
 * </ul>
 * The failure itself is the last step. Everything here is linear in the events before the failure.
 */
public final class WhatLedHere {
    /** No failure: nothing to explain. */
    public static final WhatLedHere NONE = new WhatLedHere(-1, new TreeMap<>(), "");

    private final int failureRow;
    /** Row → why it matters, in row order. */
    private final TreeMap<Integer, String> steps;
    private final String summary;

    private WhatLedHere(int failureRow, TreeMap<Integer, String> steps, String summary) {
        this.failureRow = failureRow;
        this.steps = steps;
        this.summary = summary;
    }

    /** The decisive steps of {@code model}'s failure, or {@link #NONE} when it has none. */
    public static WhatLedHere of(TraceModel model) {
        int f = model.failureRow();
        if (f < 0) {
            return NONE;
        }
        return new Analysis(model, f).run();
    }

    /** Row of the failure, or -1. */
    public int failureRow() {
        return failureRow;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The decisive rows in order, the failure last. */
    public int[] rows() {
        return steps.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean contains(int row) {
        return steps.containsKey(row);
    }

    /** One line on what happened, e.g. "lost update of 'port0' reg 2: …". */
    public String summary() {
        return summary;
    }

    /** The summary, then one line per step: "#44  cpu-0  reg_read 'port0' (#4) reg 2 -> 0  (why)". */
    public String describe(TraceModel model) {
        if (steps.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("What led here: ").append(summary).append('\n');
        EventCursor c = new EventCursor();
        steps.forEach((row, why) -> {
            model.events().fill(row, c);
            b.append(String.format(java.util.Locale.ROOT, "  #%-5d %-9s %s %s%s%n", row, model.names().thread(c.thread()),
                    EventFormat.typeName(c), EventFormat.details(c, model.names()), why.isEmpty() ? "" : "  (" + why + ")"));
        });
        return b.toString();
    }

    /** One failure's analysis: a single pass over the events before it. */
    private static final class Analysis {
        private final TraceModel m;
        private final EventColumns e;
        private final int f;
        private final TreeMap<Integer, String> steps = new TreeMap<>();
        private final Set<Long> cells = new LinkedHashSet<>();
        private final Set<Integer> objects = new LinkedHashSet<>();
        private String summary = "";

        Analysis(TraceModel m, int f) {
            this.m = m;
            this.e = m.events();
            this.f = f;
        }

        WhatLedHere run() {
            named();
            if (racePair()) {
                steps.put(f, "the failure");
                return new WhatLedHere(f, steps, summary);
            }
            for (long cell : cells) {
                if (!lostUpdate(cell)) {
                    lastWriteBeforeCheck(cell);
                }
            }
            for (int object : objects) {
                deleteConflicts(object);
            }
            steps.put(f, "the failure");
            if (summary.isEmpty()) {
                summary = EventFormat.details(e.fill(f, new EventCursor()), m.names());
            }
            return new WhatLedHere(f, steps, summary);
        }

        /**
         * What the failure names: its object, objects its text quotes, traced cells its text
         * names (quoted or as a word: an invariant says "total is 1"), the failing thread's last access.
         */
        private void named() {
            if (e.typeId(f) == EventType.VIOLATION.id() && e.object(f) != 0) {
                objects.add(e.object(f));
            }
            String text = m.names().string(e.related(f));
            Set<Integer> cellIds = cellsBefore();
            for (Map.Entry<Integer, String> o : m.names().objects().entrySet()) {
                boolean quoted = text.contains("'" + o.getValue() + "'");
                if (quoted) {
                    objects.add(o.getKey());
                }
                if (cellIds.contains(o.getKey()) && (quoted || mentions(text, o.getValue()))) {
                    cells.add(Access.cell(o.getKey()));
                }
            }
            boolean invariant = e.typeId(f) == EventType.FAILURE.id() && e.arg(f) == FailureKind.INVARIANT.id();
            int check = invariant ? lastAccessOf(e.thread(f)) : -1;
            if (check >= 0) {
                cells.add(Access.location(e, check));
                steps.put(check, Access.of(e.typeId(check)) == Access.READ ? "the value the failing check read" : "the failing thread's last write");
            }
        }

        /**
         * The race report's pair, when the events before the failure have a data race: marks both
         * accesses, keeps the failing check's access only when it is on the race's location.
         */
        private boolean racePair() {
            RaceReport.Session report = new RaceReport.Session(m.names(), RaceReport.DEFAULT_MAX_RACES);
            EventCursor c = new EventCursor();
            for (int r = 0; r < f; r++) {
                report.accept(e.fill(r, c));
            }
            List<RaceReport.Race> races = report.result().races();
            if (races.isEmpty()) {
                return false;
            }
            Set<Long> overwrites = new java.util.HashSet<>(); // "lostWrite-overwrite" of each named location's lost update
            for (long cell : cells) {
                int[] lost = lostUpdateRows(cell);
                if (lost != null) {
                    overwrites.add((long) lost[2] << 32 | lost[3]);
                }
            }
            RaceReport.Race pair = null;
            int best = -1;
            for (RaceReport.Race race : races) {
                int score = overwrites.contains(race.earlier().seq() << 32 | race.later().seq()) ? 2
                        : cells.contains(Access.location(e, (int) race.later().seq())) ? 1 : 0;
                if (score >= best) { // ties: the later race, nearer the failure
                    pair = race;
                    best = score;
                }
            }
            long location = Access.location(e, (int) pair.later().seq());
            steps.keySet().removeIf(row -> Access.location(e, row) != location);
            steps.put((int) pair.earlier().seq(), racing(pair.earlier(), pair.later()));
            steps.put((int) pair.later().seq(), racing(pair.later(), pair.earlier()));
            summary = "data race on " + pair.location() + ": " + brief(pair.earlier()) + " and " + brief(pair.later())
                    + " are not ordered by happens-before";
            return true;
        }

        /** "races with #49, from Driver.dpc(Driver.java:40)": the other side, and where this one was made. */
        private static String racing(RaceReport.Access a, RaceReport.Access other) {
            return (a.atomic() ? "interlocked, " : "") + "races with #" + other.seq() + (a.site() != null ? ", from " + a.site() : "");
        }

        /** "write by cpu-1 at #47": the summary line names both accesses; their lines add the call sites. */
        private static String brief(RaceReport.Access a) {
            return (a.atomic() ? "interlocked " : "") + (a.write() ? "write" : "read") + " by " + a.thread() + " at #" + a.seq();
        }

        /** The traced cells created before the failure. */
        private Set<Integer> cellsBefore() {
            Set<Integer> ids = new java.util.HashSet<>();
            for (int r = 0; r < f; r++) {
                if (e.typeId(r) == EventType.CELL_CREATE.id()) {
                    ids.add(e.object(r));
                }
            }
            return ids;
        }

        /** Whether {@code text} has {@code name} as a word of its own. */
        private static boolean mentions(String text, String name) {
            return !name.isBlank() && java.util.regex.Pattern.compile("(?<![\\w.-])" + java.util.regex.Pattern.quote(name)
                    + "(?![\\w-])").matcher(text).find();
        }

        private int lastAccessOf(int thread) {
            for (int r = f - 1; r >= 0; r--) {
                if (e.thread(r) == thread && Access.of(e.typeId(r)) != null) {
                    return r;
                }
            }
            return -1;
        }

        /**
         * Finds the last lost update of {@code cell} before the failure: thread T reads it, thread
         * U writes it, then T writes it from what it read. Marks both read-modify-writes.
         */
        private boolean lostUpdate(long cell) {
            int[] found = lostUpdateRows(cell);
            if (found == null) {
                return false;
            }
            String lost = "#" + found[2];
            if (found[0] >= 0) {
                steps.put(found[0], "reads it");
            }
            steps.put(found[1], "reads it before " + lost);
            steps.put(found[2], "writes it: this update is lost");
            steps.put(found[3], "writes back from the stale read of #" + found[1] + ", overwriting " + lost);
            summary = "lost update of " + where(found[3]) + ": " + thread(found[1]) + " read it at #" + found[1] + ", "
                    + thread(found[2]) + " wrote it at #" + found[2] + ", then " + thread(found[3]) + " wrote at #" + found[3]
                    + " from its stale read";
            return true;
        }

        /**
         * The rows of the last lost update of {@code cell} before the failure — U's read (or -1),
         * T's read, U's write (the lost one), T's write from its stale read — or null.
         */
        private int[] lostUpdateRows(long cell) {
            Map<Integer, Integer> pendingRead = new HashMap<>(); // thread → its read not yet written back
            Map<Integer, Integer> readBefore = new HashMap<>(); // write row → the read its thread made before it
            int lastWrite = -1;
            int[] found = null;
            for (int r = 0; r < f; r++) {
                Access a = Access.of(e.typeId(r));
                if (a == null || Access.location(e, r) != cell) {
                    continue;
                }
                int t = e.thread(r);
                if (a == Access.READ) {
                    pendingRead.put(t, r);
                    continue;
                }
                Integer read = pendingRead.remove(t);
                if (read != null && lastWrite > read && e.thread(lastWrite) != t) {
                    found = new int[]{readBefore.getOrDefault(lastWrite, -1), read, lastWrite, r};
                }
                if (read != null) {
                    readBefore.put(r, read);
                }
                lastWrite = r;
            }
            return found;
        }

        private void lastWriteBeforeCheck(long cell) {
            for (int r = f - 1; r >= 0; r--) {
                if (Access.of(e.typeId(r)) == Access.WRITE && Access.location(e, r) == cell) {
                    steps.putIfAbsent(r, "the last write before the failure");
                    return;
                }
            }
        }

        /**
         * The object's last delete before the failure, and what other threads did with the object
         * while it was deleted: a span of it running across the delete, and uses after it.
         */
        private void deleteConflicts(int object) {
            int delete = -1;
            for (int r = f; r >= 0 && delete < 0; r--) {
                if (e.typeId(r) == EventType.DELETE.id() && e.object(r) == object) {
                    delete = r;
                }
            }
            if (delete < 0) {
                return;
            }
            steps.put(delete, "deletes it");
            int by = e.thread(delete);
            for (Lane lane : lanes()) {
                int span = m.spanContaining(lane, delete);
                if (span >= 0 && !lane.isRequests() && lane.thread() != by && m.spans().object(span) == object) {
                    steps.put(m.spans().startRow(span), "runs it across the delete");
                    if (m.spans().cause(span) >= 0) {
                        steps.putIfAbsent(m.spans().cause(span), "made that instance run");
                    }
                }
            }
            for (int r = delete + 1; r < f; r++) {
                if (e.object(r) != object) {
                    continue;
                }
                if (e.typeId(r) == EventType.VIOLATION.id()) {
                    steps.putIfAbsent(r, "the verifier's finding");
                } else if (e.thread(r) != by && isUse(e.typeId(r))) {
                    steps.putIfAbsent(r, "uses it after the delete");
                }
            }
            if (summary.isEmpty()) {
                summary = "'" + m.names().object(object) + "' (#" + object + ") deleted at #" + delete + " by " + thread(delete)
                        + " while another thread still used it";
            }
        }

        private List<Lane> lanes() {
            List<Lane> l = new ArrayList<>();
            for (int i = 0; i < m.lanes().count(); i++) {
                l.add(m.lanes().get(i));
            }
            return l;
        }

        private static boolean isUse(int type) {
            return type == EventType.ENQUEUE.id() || type == EventType.FLUSH_START.id()
                    || type == EventType.CALLBACK_START.id() || type == EventType.DPC_QUEUE.id()
                    || type == EventType.LOCK_ACQUIRE.id();
        }

        private String thread(int row) {
            return m.names().thread(e.thread(row));
        }

        private String where(int row) {
            String at = "'" + m.names().object(e.object(row)) + "' (#" + e.object(row) + ")";
            return Access.isCell(e.typeId(row)) ? "cell " + at : at + " reg " + e.related(row);
        }
    }
}
