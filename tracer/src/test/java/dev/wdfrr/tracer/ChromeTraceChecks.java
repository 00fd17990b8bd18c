package dev.wdfrr.tracer;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Structural checks of a Chrome Trace Event JSON file as viewers need it: the fields each phase
 * requires, thread names for every tid, non-negative durations, proper nesting per track,
 * paired flows bound inside slices, and per-track time order of slices and instants.
 */
final class ChromeTraceChecks {
    /** A parsed event with its position in the file. */
    record Ev(int index, Map<String, Object> m) {
        String ph() {
            return (String) m.get("ph");
        }

        long tid() {
            return ((BigDecimal) m.get("tid")).longValueExact();
        }

        /** ts in nanoseconds, exactly. */
        long ts() {
            return nanos(m.get("ts"));
        }

        long end() {
            return ts() + nanos(m.get("dur"));
        }

        String name() {
            return (String) m.get("name");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> args() {
            return (Map<String, Object>) m.get("args");
        }
    }

    private ChromeTraceChecks() {
    }

    static long nanos(Object micros) {
        BigDecimal d = (BigDecimal) micros;
        assertThat(d.scale()).as("microseconds with at most nanosecond fractions: " + d).isLessThanOrEqualTo(3);
        return d.movePointRight(3).longValueExact();
    }

    /** Parses and checks the whole file; returns its events in file order. */
    @SuppressWarnings("unchecked")
    static List<Ev> validate(String json) {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
        assertThat(root).containsKey("traceEvents");
        List<Ev> events = new ArrayList<>();
        int n = 0;
        for (Object o : (List<Object>) root.get("traceEvents")) {
            events.add(new Ev(n++, (Map<String, Object>) o));
        }
        events.forEach(ChromeTraceChecks::requiredFields);
        threadNamesForEveryTid(events);
        slicesNest(events);
        flowsPair(events);
        timeOrderPerTrack(events);
        return events;
    }

    private static void requiredFields(Ev e) {
        Map<String, Object> m = e.m();
        assertThat(m).as("event %d", e.index()).containsKeys("ph", "pid", "name");
        assertThat(m.get("pid")).isInstanceOf(BigDecimal.class);
        switch (e.ph()) {
            case "M" -> {
                assertThat(e.name()).isIn("process_name", "thread_name", "thread_sort_index");
                assertThat(m.get("args")).isInstanceOf(Map.class);
                if (!e.name().equals("process_name")) {
                    assertThat(m).containsKey("tid");
                }
                if (!e.name().equals("thread_sort_index")) {
                    assertThat(e.args().get("name")).isInstanceOf(String.class);
                }
            }
            case "X" -> {
                assertThat(m).as("X event %d", e.index()).containsKeys("tid", "ts", "dur", "cat", "args");
                assertThat(nanos(m.get("dur"))).as("dur of %s", m).isNotNegative();
            }
            case "i" -> {
                assertThat(m).as("i event %d", e.index()).containsKeys("tid", "ts", "cat");
                assertThat(m.get("s")).isEqualTo("t");
            }
            case "b", "e" -> {
                assertThat(m).as("async event %d", e.index()).containsKeys("tid", "ts", "id", "cat");
                assertThat(m.get("cat")).isEqualTo("request");
            }
            case "s", "f" -> {
                assertThat(m).as("flow event %d", e.index()).containsKeys("tid", "ts", "id", "cat");
                if (e.ph().equals("f")) {
                    assertThat(m.get("bp")).isEqualTo("e");
                }
            }
            default -> fail("unexpected phase " + e.ph() + " in " + m);
        }
    }

    private static void threadNamesForEveryTid(List<Ev> events) {
        Set<Long> named = new HashSet<>();
        for (Ev e : events) {
            if (e.ph().equals("M") && e.name().equals("thread_name")) {
                named.add(e.tid());
            }
        }
        for (Ev e : events) {
            if (!e.ph().equals("M")) {
                assertThat(named).as("thread_name for the tid of %s", e.m()).contains(e.tid());
            }
        }
    }

    private static Map<Long, List<Ev>> slicesByTrack(List<Ev> events) {
        Map<Long, List<Ev>> byTrack = new HashMap<>();
        for (Ev e : events) {
            if (e.ph().equals("X")) {
                byTrack.computeIfAbsent(e.tid(), k -> new ArrayList<>()).add(e);
            }
        }
        return byTrack;
    }

    /** Sorted by start then longest first, each slice lies inside the one below it or after it. */
    private static void slicesNest(List<Ev> events) {
        for (List<Ev> track : slicesByTrack(events).values()) {
            List<Ev> sorted = new ArrayList<>(track);
            sorted.sort(Comparator.comparingLong(Ev::ts).thenComparing(Comparator.comparingLong(Ev::end).reversed()));
            ArrayDeque<Ev> stack = new ArrayDeque<>();
            for (Ev s : sorted) {
                while (!stack.isEmpty()) {
                    Ev top = stack.peek();
                    if (top.ts() <= s.ts() && s.end() <= top.end()) {
                        break;
                    }
                    if (s.ts() >= top.end()) {
                        stack.pop();
                    } else {
                        fail("slices overlap partially: " + top.m() + " and " + s.m());
                    }
                }
                stack.push(s);
            }
        }
    }

    /**
     * Each id has one start and one finish, the start not later, each bound to a slice of its
     * track: one that encloses it, or the thread instant right before it in the file at the same
     * time (Perfetto imports a thread instant as a zero-length slice that stays the track's
     * innermost until the next slice starts, and binds a flow event to the innermost:
     * trace processor's FlowTracker::Begin/End and SliceTracker::GetTopmostSliceOnTrack).
     */
    private static void flowsPair(List<Ev> events) {
        Map<Object, List<Ev>> byId = new HashMap<>();
        Map<Ev, Ev> instantBefore = new HashMap<>();
        Map<Long, Ev> lastInstant = new HashMap<>();
        for (Ev e : events) {
            if (e.ph().equals("s") || e.ph().equals("f")) {
                byId.computeIfAbsent(e.m().get("id"), k -> new ArrayList<>()).add(e);
                Ev i = lastInstant.get(e.tid());
                if (i != null) {
                    instantBefore.put(e, i);
                }
            } else if (e.ph().equals("i")) {
                lastInstant.put(e.tid(), e);
            } else if (!e.ph().equals("M")) {
                lastInstant.remove(e.tid());
            }
        }
        Map<Long, List<Ev>> slices = slicesByTrack(events);
        byId.forEach((id, l) -> {
            assertThat(l).as("flow %s", id).extracting(Ev::ph).containsExactlyInAnyOrder("s", "f");
            Ev s = l.get(0).ph().equals("s") ? l.get(0) : l.get(1);
            Ev f = l.get(0).ph().equals("f") ? l.get(0) : l.get(1);
            assertThat(s.ts()).as("flow %s starts before it finishes", id).isLessThanOrEqualTo(f.ts());
            assertThat(s.name()).isEqualTo(f.name());
            for (Ev end : l) {
                Ev instant = instantBefore.get(end);
                boolean onInstant = instant != null && instant.ts() == end.ts();
                assertThat(onInstant || slices.getOrDefault(end.tid(), List.of()).stream()
                        .anyMatch(x -> x.ts() <= end.ts() && end.ts() <= x.end()))
                        .as("a slice on tid %d, or an instant right before it, binds flow end %s", end.tid(), end.m())
                        .isTrue();
            }
        });
    }

    /** In file order, slices and instants of one track never go back in time (parents before children). */
    private static void timeOrderPerTrack(List<Ev> events) {
        Map<Long, Long> last = new HashMap<>();
        for (Ev e : events) {
            if (e.ph().equals("X") || e.ph().equals("i")) {
                Long before = last.put(e.tid(), e.ts());
                if (before != null) {
                    assertThat(e.ts()).as("time order on tid %d at %s", e.tid(), e.m()).isGreaterThanOrEqualTo(before);
                }
            }
        }
    }
}
