package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the data excerpts of a Chronicle Queue directory straight from its cycle files, with
 * bounds-checked positional reads: no memory mapping (so a truncated file cannot raise SIGBUS),
 * nothing shared with a writer, and corrupt headers end the walk with a message instead of
 * confusing a tailer. The on-disk form it relies on is Chronicle's documented one: a 4-byte
 * little-endian header per excerpt, 4-byte aligned, its low 30 bits the length, bit 30 marking
 * metadata and bit 31 an excerpt still being written; {@code 0xC0000000} ends a cycle file.
 */
public final class QueueFileWalker implements AutoCloseable {
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int META_DATA = 0x4000_0000;
    private static final int END_OF_DATA = 0xC000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;

    /** What {@link #next} found. */
    public enum Step { EXCERPT, OPEN_BATCH, END }

    private final List<Path> files;
    private final int maxExcerpt;
    private final ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private int fileIndex = -1;
    private FileChannel channel;
    private long size;
    private long pos;
    private byte[] data = new byte[32 << 10];
    private int length;
    private String stopReason;

    public QueueFileWalker(Path dir, int maxExcerpt) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            this.files = s.filter(p -> p.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(p)).sorted().toList();
        }
        this.maxExcerpt = maxExcerpt;
    }

    /** The bytes of the excerpt (or open batch) last returned. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    /** Why the walk ended early (a corrupt or cut-off excerpt), or null when it reached the end normally. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Moves to the next data excerpt.
     *
     * @param openBatches also return a batch left open after the last committed excerpt
     *                    ({@link Step#OPEN_BATCH}, its bytes up to the end of the file)
     */
    public Step next(boolean openBatches, int batchMagic) throws IOException {
        for (;;) {
            if (channel == null && !openNextFile()) {
                return Step.END;
            }
            if (pos + 4 > size) {
                if (!nextFileOrEnd()) {
                    return Step.END;
                }
                continue;
            }
            int header = readInt(pos);
            if (header == END_OF_DATA) {
                if (!nextFileOrEnd()) {
                    return Step.END;
                }
                continue;
            }
            if (header == 0 || header == NOT_COMPLETE) {
                // Nothing committed here: the end, or a batch whose writer died (or is still writing).
                if (openBatches && fileIndex == files.size() - 1 && pos + 8 <= size && readInt(pos + 4) == batchMagic) {
                    read(pos + 4, (int) Math.min(maxExcerpt, size - pos - 4));
                    pos = size;
                    return Step.OPEN_BATCH;
                }
                if (!nextFileOrEnd()) {
                    return Step.END;
                }
                continue;
            }
            if ((header & NOT_COMPLETE) != 0) {
                stopReason = "an excerpt header 0x" + Integer.toHexString(header) + " at " + pos + " that is not complete";
                return Step.END;
            }
            long len = header & LENGTH_MASK;
            if (pos + 4 + len > size) {
                stopReason = "an excerpt of " + len + " bytes at " + pos + " runs past the end of the file";
                return Step.END;
            }
            long start = pos + 4;
            pos = start + len;
            pos += -pos & 3;
            if ((header & META_DATA) != 0) {
                continue; // Chronicle's own: store header, indexes, padding
            }
            if (len > maxExcerpt) {
                stopReason = "an excerpt of " + len + " bytes at " + start + " (at most " + maxExcerpt + " expected)";
                return Step.END;
            }
            read(start, (int) len);
            return Step.EXCERPT;
        }
    }

    private boolean openNextFile() throws IOException {
        close();
        fileIndex++;
        if (fileIndex >= files.size()) {
            return false;
        }
        channel = FileChannel.open(files.get(fileIndex), StandardOpenOption.READ);
        size = channel.size();
        pos = 0;
        return true;
    }

    private boolean nextFileOrEnd() throws IOException {
        if (fileIndex >= files.size() - 1) {
            return false;
        }
        return openNextFile();
    }

    private int readInt(long at) throws IOException {
        word.clear();
        while (word.hasRemaining()) {
            if (channel.read(word, at + word.position()) < 0) {
                return 0;
            }
        }
        return word.getInt(0);
    }

    private void read(long at, int n) throws IOException {
        if (n > data.length) {
            data = new byte[n];
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, n);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                break;
            }
        }
        length = b.position();
    }

    /** Back to the first excerpt. */
    public void rewind() throws IOException {
        close();
        fileIndex = -1;
        stopReason = null;
    }

    /**
     * Re-reads the current file's size: a follower sees what a live writer added since. A walk
     * that stopped at an excerpt running past the old size (one the writer was extending the
     * file for) goes on from it.
     */
    public void refresh() throws IOException {
        if (channel != null) {
            size = channel.size();
        }
        stopReason = null;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
