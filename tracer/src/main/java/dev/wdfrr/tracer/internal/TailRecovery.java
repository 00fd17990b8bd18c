package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the batch a dead writer left open. Chronicle only hands out committed excerpts; the open
 * one sits after them in the last cycle file. Its excerpt header is still 0 (a single writer
 * holding the write lock sets it only on commit) or {@code NOT_COMPLETE}, and our batch magic
 * and records follow it, each record complete once its own header is set; Chronicle clears the
 * word after every committed excerpt, so stale bytes cannot pass for an open batch. This walks
 * the excerpt headers of that file (4-byte aligned, length in the low 30 bits) to the first
 * unset one and returns the bytes after it if they start a batch, read-only.
 */
public final class TailRecovery {
    private static final int NOT_COMPLETE = 0x8000_0000;
    private static final int LENGTH_MASK = 0x3FFF_FFFF;

    private TailRecovery() {
    }

    /** The bytes of the open batch, or empty when the last excerpt was committed. */
    public static Optional<byte[]> openBatch(Path dir, int maxBytes) throws IOException {
        Optional<Path> last;
        try (Stream<Path> files = Files.list(dir)) {
            last = files.filter(p -> p.getFileName().toString().endsWith(".cq4")).max(Comparator.comparing(Path::toString));
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(last.get(), StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 0;
            for (int guard = 0; guard < 100_000_000 && pos + 4 <= size; guard++) {
                word.clear();
                if (ch.read(word, pos) < 4) {
                    return Optional.empty();
                }
                int header = word.getInt(0);
                if (header == 0 || header == NOT_COMPLETE) {
                    word.clear();
                    if (pos + 8 > size || ch.read(word, pos + 4) < 4 || word.getInt(0) != Format.BATCH_MAGIC) {
                        return Optional.empty();
                    }
                    long start = pos + 4;
                    int n = (int) Math.min(maxBytes, size - start);
                    ByteBuffer data = ByteBuffer.allocate(n);
                    while (data.hasRemaining() && ch.read(data, start + data.position()) > 0) {
                        // read what is there
                    }
                    return Optional.of(data.array());
                }
                if ((header & NOT_COMPLETE) != 0) {
                    return Optional.empty(); // end of data, or an open metadata excerpt
                }
                pos += 4 + (header & LENGTH_MASK);
                pos += -pos & 3;
            }
            return Optional.empty();
        }
    }
}
