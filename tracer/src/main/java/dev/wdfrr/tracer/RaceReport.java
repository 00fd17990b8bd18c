package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.tracer.internal.race.RaceDetector;

import java.util.ArrayList;
import java.util.List;

/**
 * Data races in one recorded run: two accesses to the same traced cell or device register, from
 * two threads, at least one a write and not both interlocked, that the runtime's synchronization
 * does not order (locks, kernel events, enqueue → callback, ISR → DPC, DPC queue → run, thread
 * start and join, quiescence). It finds them in a schedule that passed, where the accesses
 * happened not to collide: one recording warns before exploration ever hits the failure.
 * Happens-before comes from vector clocks in one linear pass (FastTrack-style); see
 * {@link RaceDetector} for every edge.
 */
public final class RaceReport {
    /** Races kept in full by default; more are counted. */
    public static final int DEFAULT_MAX_RACES = 1_000;

    private RaceReport() {
    }

    /**
     * One side of a race.
     *
     * @param site the driver code that made the access, {@code Class.method(File.java:line)}, or
     *             null when the trace records no call sites
     */
    public record Access(long seq, String thread, boolean write, boolean atomic, String site) {
        /** {@code write by worker-1 at event 245 (Driver.stop(Driver.java:33))}. */
        public String describe() {
            return (atomic ? "interlocked " : "") + (write ? "write" : "read") + " by " + thread + " at event " + seq
                    + (site != null ? " (" + site + ")" : "");
        }
    }

    /**
     * Two unordered accesses to one location.
     *
     * @param location {@code 'refCount' (#12)} for a cell, {@code register 2 of 'port0' (#4)} for a register
     * @param object   the cell, or the virtual device of the register
     */
    public record Race(String location, int object, Access earlier, Access later) {
        /** One line naming both accesses. */
        public String line() {
            return "data race on " + location + ": " + earlier.describe() + " and " + later.describe()
                    + " are not ordered by happens-before";
        }
    }

    /**
     * What the analysis found.
     *
     * @param races   in the order found (by the later access), each location and pair of call sites once
     * @param omitted races found beyond those kept
     * @param stopped why the analysis stopped before the end of the trace (a limit), or null
     */
    public record Result(List<Race> races, long omitted, String stopped) {
        public Result {
            races = List.copyOf(races);
        }

        public boolean clean() {
            return races.isEmpty() && omitted == 0;
        }

        /** A few lines for a failure report: a count, then one line per race (at most {@code max}). */
        public String summary(int max) {
            if (clean()) {
                return stopped != null ? stopped : "no data race";
            }
            StringBuilder sb = new StringBuilder();
            long total = races.size() + omitted;
            sb.append(total).append(total == 1 ? " data race" : " data races").append(" (unordered accesses to shared state):");
            for (int i = 0; i < races.size() && i < max; i++) {
                sb.append(System.lineSeparator()).append("  ").append(races.get(i).line());
            }
            if (total > max) {
                sb.append(System.lineSeparator()).append("  … and ").append(total - Math.min(max, races.size())).append(" more");
            }
            if (stopped != null) {
                sb.append(System.lineSeparator()).append("  (").append(stopped).append(')');
            }
            return sb.toString();
        }
    }

    /** Analyzes the rest of a trace; read it from its start. */
    public static Result of(TraceReader reader) {
        Session s = new Session(reader.names(), DEFAULT_MAX_RACES);
        EventCursor c = new EventCursor();
        while (reader.next(c)) {
            s.accept(c);
        }
        return s.result();
    }

    /** Analyzes a run kept in memory. */
    public static Result of(MemorySink events) {
        Names names = new Names();
        Session s = new Session(names, DEFAULT_MAX_RACES);
        EventCursor c = new EventCursor();
        for (int i = 0; i < events.size(); i++) {
            dev.wdfrr.runtime.event.Event e = events.get(i);
            c.set(e.seq(), e.time(), e.type().id(), e.thread(), e.cpu(), e.irql(), e.object(), e.related(), e.arg(), e.text());
            if (e.type() == EventType.NAME) {
                names.define(e.related(), e.object(), e.text());
            }
            s.accept(c);
        }
        return s.result();
    }

    /**
     * The analysis fed one event at a time, for a reader that makes other passes over the same
     * events (the offline check).
     */
    public static final class Session {
        private final Names names;
        private final RaceDetector detector;
        private int reported;

        public Session(Names names, int maxRaces) {
            this.names = names;
            this.detector = new RaceDetector(names, maxRaces);
        }

        public void accept(EventCursor c) {
            detector.accept(c);
        }

        /** Races found since the last call, for a caller that reports as it reads. */
        public List<Race> drain() {
            List<RaceDetector.Found> all = detector.found();
            List<Race> out = new ArrayList<>(all.size() - reported);
            for (; reported < all.size(); reported++) {
                out.add(race(all.get(reported)));
            }
            return out;
        }

        public Result result() {
            List<Race> races = new ArrayList<>();
            for (RaceDetector.Found f : detector.found()) {
                races.add(race(f));
            }
            return new Result(races, detector.omitted(), detector.stopped());
        }

        /** Why the analysis stopped early, or null. */
        public String stopped() {
            return detector.stopped();
        }

        private Race race(RaceDetector.Found f) {
            String object = "'" + names.object(f.object()) + "' (#" + f.object() + ")";
            String location = f.register() >= 0 ? "register " + f.register() + " of " + object : object;
            return new Race(location, f.object(), access(f.earlier()), access(f.later()));
        }

        private Access access(dev.wdfrr.tracer.internal.race.Access a) {
            return new Access(a.seq(), names.thread(a.thread()), a.write(), a.atomic(), a.site());
        }
    }
}
