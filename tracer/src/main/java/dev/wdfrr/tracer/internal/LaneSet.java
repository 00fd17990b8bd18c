package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceLimitException;
import dev.wdfrr.tracer.TraceLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lanes of a concurrent trace, merged back into the one order. Each lane's numbers
 * increase and all of them together are gapless, so the next event is always the head of the
 * lane whose next record carries the next number: one batch per lane in memory.
 */
public final class LaneSet implements AutoCloseable {
    /** What {@link #next} found. */
    public enum Result { FOUND, EXHAUSTED, GAP }

    private final Path dir;
    private final int maxExcerpt;
    private final List<Lane> lanes = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    public LaneSet(Path dir, int maxExcerpt) throws IOException {
        this.dir = dir;
        this.maxExcerpt = maxExcerpt;
        discover();
    }

    /** Number of lanes found so far. */
    public int size() {
        return lanes.size();
    }

    /** Adds lanes that appeared since the last look (a live writer's threads start lanes as they go). */
    public void discover() throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            // A lane counts once its first queue file exists: Chronicle creates the directory
            // before it, and a walker made in between would never see the file.
            found = s.filter(p -> Files.isDirectory(p) && isLaneName(p.getFileName().toString()) && holdsQueueFile(p))
                    .filter(p -> !known.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparingLong(p -> laneNumber(p.getFileName().toString())))
                    .toList();
        }
        if (lanes.size() + found.size() > TraceLimits.MAX_LANES) {
            throw new TraceLimitException(dir + " has more than " + TraceLimits.MAX_LANES
                    + " lanes (threads that wrote it at once): beyond wdfrr's limit");
        }
        for (Path p : found) {
            lanes.add(new Lane(new BatchSource(p, maxExcerpt, false), p.getFileName().toString()));
            known.add(p.getFileName().toString());
        }
    }

    private static boolean holdsQueueFile(Path lane) {
        try (Stream<Path> s = Files.list(lane)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isLaneName(String n) {
        return n.startsWith(Format.LANE_DIR_PREFIX) && n.length() > Format.LANE_DIR_PREFIX.length()
                && n.length() <= Format.LANE_DIR_PREFIX.length() + 9
                && n.substring(Format.LANE_DIR_PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    private static long laneNumber(String n) {
        return Long.parseLong(n.substring(Format.LANE_DIR_PREFIX.length()));
    }

    /**
     * Delivers event {@code seq} to {@code out}.
     *
     * @return {@link Result#FOUND}; {@link Result#EXHAUSTED} when every lane has ended (for now,
     * when following); {@link Result#GAP} when no lane has it but some lane holds later events
     * @throws IllegalArgumentException for corrupt data, or a number that two lanes claim
     */
    public Result next(long seq, BatchDecoder.Target out, boolean recoverTail) throws IOException {
        boolean later = false;
        for (int look = 0; look < 2; look++) {
            for (Lane lane : lanes) {
                try {
                    if (lane.head < 0) {
                        lane.head = lane.source.peekSeq(recoverTail);
                    }
                    if (lane.head == seq) {
                        lane.head = -1;
                        lane.source.next(out, recoverTail);
                        return Result.FOUND;
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("in " + lane.name + ": " + e.getMessage(), e);
                }
                if (lane.head >= 0 && lane.head < seq) {
                    throw new IllegalArgumentException("event " + lane.head + " appears twice (again in " + lane.name + ")");
                }
                later |= lane.head > seq;
            }
            if (recoverTail) {
                break;
            }
            discover(); // following: a thread may have started a lane since
        }
        return later ? Result.GAP : Result.EXHAUSTED;
    }

    /** Back to the start: lanes are found afresh. */
    public void rewind() throws IOException {
        close();
        lanes.clear();
        known.clear();
        discover();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Lane lane : lanes) {
            try {
                lane.source.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One lane and the number of its next record (its head), once looked at. */
    private static final class Lane {
        final BatchSource source;
        final String name;
        long head = -1;

        Lane(BatchSource source, String name) {
            this.source = source;
            this.name = name;
        }
    }
}
