package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceException;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Creates the Chronicle queue of a trace (or of one lane) so that a full disk is an error and
 * never a crash. Chronicle writes its table store ({@code metadata.cq4t}), the cycle file's
 * header and its first index through memory-mapped pages as soon as the queue is built and
 * first written to; a store into a page the file system cannot back raises SIGBUS. So those
 * files are created first with ordinary writes of zeros, which fail with "no space left" when
 * the space is not there; Chronicle then initialises them in place (it claims a zero header
 * with a compare-and-swap, as it does in a file it just created).
 *
 * <p>The queue's clock is fixed at its creation, so that one recording is one cycle file:
 * the file named here, and no second file created through the mapping at midnight.
 */
public final class QueueFiles {
    /** Allocated of the table store: Chronicle touches its first page; new keys go after it. */
    static final int TABLE_BYTES = 64 << 10;
    /** Allocated of the cycle file: the store header and the first index arrays (about 9 KB) fit. */
    static final int HEADER_BYTES = 64 << 10;
    private static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    /** Suffix, in place of {@code .cq4}, of a cycle file made ahead of time (Chronicle's {@code PrecreatedFiles}). */
    private static final String PRECREATED = ".precreated";

    private QueueFiles() {
    }

    /**
     * Opens a new queue in {@code dir} (made if missing), its first pages allocated on disk.
     *
     * @throws TraceException in one line when the file system refuses the space or the files
     */
    public static SingleChronicleQueue open(Path dir, long blockSize) {
        long created = System.currentTimeMillis();
        Path table = dir.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        // Chronicle's own pre-created form: it renames it into place when it creates the cycle.
        // (A file under the cycle's own name would count as an existing cycle, whose header an
        // appender waits for instead of writing it.)
        Path cycle = dir.resolve(cycleName(created) + PRECREATED);
        try {
            Files.createDirectories(dir);
            SpaceReserver.allocate(table, TABLE_BYTES);
            SpaceReserver.allocate(cycle, HEADER_BYTES);
        } catch (IOException e) {
            // Nothing was written into them yet: leave no half-made queue behind.
            deleteQuietly(cycle);
            deleteQuietly(table);
            throw new TraceException("cannot create trace " + dir + ": " + IoReasons.of(e), e);
        }
        try {
            return SingleChronicleQueueBuilder.binary(dir)
                    .rollCycle(ROLL_CYCLE)
                    .indexCount(512)
                    .indexSpacing(64)
                    .blockSize(blockSize)
                    .timeProvider(() -> created)
                    .build();
        } catch (RuntimeException | InternalError e) {
            throw cannotCreate(dir, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // it stays; the directory is not a trace either way
        }
    }

    /** The name, without {@code .cq4}, of the cycle file Chronicle uses for a queue whose clock reads {@code millis}. */
    static String cycleName(long millis) {
        long cycleStart = Math.floorDiv(millis, ROLL_CYCLE.lengthInMillis()) * ROLL_CYCLE.lengthInMillis();
        return DateTimeFormatter.ofPattern(ROLL_CYCLE.format()).withZone(ZoneOffset.UTC).format(Instant.ofEpochMilli(cycleStart));
    }

    /** Chronicle failed while creating a queue's files. */
    static TraceException cannotCreate(Path dir, Throwable e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        return new TraceException("cannot create trace " + dir + ": " + why, e);
    }
}
