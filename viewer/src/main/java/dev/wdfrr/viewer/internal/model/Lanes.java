package dev.wdfrr.viewer.internal.model;

import dev.wdfrr.tracer.Names;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lanes of a trace, one per logical thread that emitted anything but names, and the rows of
 * requests of each I/O queue that had any, shown in the order a reader of a driver expects: the
 * queues' requests on top (by queue, then row), then per CPU its ISR lane then its DPC lane, then
 * the system workers, the devices, main, and everything else by name.
 */
public final class Lanes {
    private static final Pattern NUMBERED = Pattern.compile("(isr|cpu|worker)-(\\d+)");

    private final List<Lane> lanes = new ArrayList<>();
    private static final int DENSE = 1 << 16;
    private int[] laneOfThread = new int[16];
    private final java.util.Map<Integer, Integer> sparse = new java.util.HashMap<>();
    /** Request lanes by queue id × 2³² + row. */
    private final java.util.Map<Long, Lane> requestLanes = new java.util.HashMap<>();
    private List<Lane> ordered = List.of();
    private int orderedNames = -1;

    Lanes() {
        Arrays.fill(laneOfThread, -1);
    }

    /** The lane of a thread, created on first use. */
    Lane forThread(int thread) {
        if (thread < 0 || thread >= DENSE) {
            // Ids are small and dense in a real trace; any other (a damaged or crafted trace) is
            // looked up instead of sizing an array by it.
            return lanes.get(sparse.computeIfAbsent(thread, t -> newLane(thread).id()));
        }
        if (thread >= laneOfThread.length) {
            int old = laneOfThread.length;
            laneOfThread = Arrays.copyOf(laneOfThread, Math.min(DENSE, Math.max(thread + 1, old * 2)));
            Arrays.fill(laneOfThread, old, laneOfThread.length, -1);
        }
        int id = laneOfThread[thread];
        if (id < 0) {
            id = newLane(thread).id();
            laneOfThread[thread] = id;
        }
        return lanes.get(id);
    }

    /** The lane of row {@code row} of queue {@code queue}'s requests, created on first use. */
    Lane forRequests(int queue, int row) {
        return requestLanes.computeIfAbsent((long) queue << 32 | row, k -> {
            Lane lane = Lane.ofRequests(lanes.size(), queue, row);
            lanes.add(lane);
            return lane;
        });
    }

    private Lane newLane(int thread) {
        Lane lane = new Lane(lanes.size(), thread);
        lanes.add(lane);
        orderedNames = -1;
        return lane;
    }

    /** The lane of a thread, or null when the thread has none. */
    public Lane ofThread(int thread) {
        if (thread < 0 || thread >= DENSE) {
            Integer id = sparse.get(thread);
            return id == null ? null : lanes.get(id);
        }
        return thread < laneOfThread.length && laneOfThread[thread] >= 0 ? lanes.get(laneOfThread[thread]) : null;
    }

    /** A lane by {@link Lane#id()}. */
    public Lane get(int id) {
        return lanes.get(id);
    }

    public int count() {
        return lanes.size();
    }

    /** Lanes in display order; recomputed when lanes or thread names were added. */
    public List<Lane> ordered(Names names) {
        if (orderedNames != names.threadCount() || ordered.size() != lanes.size()) {
            List<Lane> l = new ArrayList<>(lanes);
            l.sort(Comparator.comparing((Lane lane) -> !lane.isRequests())
                    .thenComparingInt(Lane::queue).thenComparingInt(Lane::requestRow)
                    .thenComparing(lane -> rank(names.thread(lane.thread())))
                    .thenComparing(lane -> names.thread(lane.thread())));
            ordered = List.copyOf(l);
            orderedNames = names.threadCount();
        }
        return ordered;
    }

    /** Sort key: a category, then a number within it (ISR before DPC of the same CPU). */
    static String rank(String name) {
        Matcher m = NUMBERED.matcher(name);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2));
            String kind = m.group(1);
            return kind.equals("worker") ? String.format(Locale.ROOT, "1%09d", n) : String.format(Locale.ROOT, "0%09d%d", n, kind.equals("isr") ? 0 : 1);
        }
        if (name.startsWith("device")) {
            return "2";
        }
        return name.equals("main") ? "3" : "4";
    }

    long allocatedBytes() {
        long n = 0;
        for (Lane l : lanes) {
            n += l.allocatedBytes();
        }
        return n;
    }
}
