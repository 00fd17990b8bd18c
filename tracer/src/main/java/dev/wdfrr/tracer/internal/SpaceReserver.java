package dev.wdfrr.tracer.internal;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Allocates disk space for a trace file ahead of the writer, by writing zeros through an
 * ordinary file channel, so that a full disk is an {@link IOException} here, before the writer
 * stores into those pages through its memory mapping. Without it, a store into a page the file
 * system cannot back raises SIGBUS and takes the JVM down. Only ever writes past the writer's
 * position, where nothing has been written yet (or, through {@link #allocate}, into a file
 * nothing has mapped yet).
 */
public final class SpaceReserver implements AutoCloseable {
    /** How much is allocated at a time, at most. */
    static final int STEP = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10);

    private final long step;

    private File file;
    private FileChannel channel;
    private long reservedUpTo;

    /** Allocates {@link #STEP} at a time. */
    public SpaceReserver() {
        this(STEP);
    }

    /** Allocates {@code step} bytes at a time: a queue of small blocks gets small steps, so a small trace stays small. */
    public SpaceReserver(long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        this.step = step;
    }

    /**
     * Makes sure {@code [position, position + length)} of {@code file} is allocated.
     *
     * @throws IOException when the file system cannot provide the space (disk full, file too large)
     */
    public void ensure(File current, long position, long length) throws IOException {
        if (!current.equals(file)) {
            close();
            file = current;
            channel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
            reservedUpTo = position;
        }
        long needed = position + length;
        if (needed <= reservedUpTo) {
            return;
        }
        long from = Math.max(reservedUpTo, position);
        long to = Math.max(needed, from + step);
        try {
            writeZeros(channel, from, to);
        } catch (IOException e) {
            if (to == needed) {
                throw e;
            }
            // Less than a step is left: take exactly what this write needs, so that a nearly full
            // disk still records what fits instead of nothing.
            to = needed;
            writeZeros(channel, from, to);
        }
        reservedUpTo = to;
    }

    /**
     * Allocates {@code [0, length)} of {@code file} with ordinary writes, creating it if needed:
     * for a file that Chronicle will map and write into before any reservation can run (its
     * table store, a cycle file's header and first index).
     *
     * @throws IOException when the file system cannot provide the space
     */
    public static void allocate(java.nio.file.Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            writeZeros(ch, 0, length);
        }
    }

    private static void writeZeros(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate();
        for (long p = from; p < to; ) {
            zeros.clear();
            zeros.limit((int) Math.min(zeros.capacity(), to - p));
            int n = ch.write(zeros, p);
            if (n <= 0) {
                throw new IOException("no space written at " + p);
            }
            p += n;
        }
    }

    /** End of the allocated region of the current file. */
    public long reservedUpTo() {
        return reservedUpTo;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing: nothing more to do
            }
            channel = null;
        }
    }
}
