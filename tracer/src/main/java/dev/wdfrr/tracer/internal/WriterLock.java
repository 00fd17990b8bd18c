package dev.wdfrr.tracer.internal;

import dev.wdfrr.tracer.TraceException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The claim of a trace directory by the one writer that may write it: an exclusive lock on the
 * file {@value #NAME} in it, held until the writer closes. Taking the lock is atomic, so of two
 * writers started at the same moment one gets the directory and the other a one-line refusal
 * before it has touched anything. The kernel drops the lock of a writer that dies, so a
 * killed recording never blocks the next one.
 *
 * <p>The file stays in the trace (it is never deleted while the directory is a trace, so two
 * writers can never lock two different files of the same name). While a writer holds it, it
 * names the writer's process and start time; readers look at that ({@link #writerAlive}) to
 * tell a trace still being written from one whose writer is gone, without taking the lock.
 *
 * <p>The lock is a POSIX record lock, which the kernel keeps per process and drops when the
 * process closes <em>any</em> descriptor of the file. So this JVM never opens the lock file of a
 * directory it holds: the claims it holds are kept in {@link #HELD}, process-wide like the locks.
 */
public final class WriterLock implements AutoCloseable {
    /** The lock file's name in a trace directory. */
    public static final String NAME = "wdfrr-writer.lock";
    /** Directories (real paths) this JVM holds: their lock files must not be opened again here. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code dir} (which must exist) for writing.
     *
     * @throws TraceException when another writer holds it, or the lock file cannot be made
     */
    public static WriterLock claim(Path dir) {
        Path file = dir.resolve(NAME);
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new TraceException("cannot create trace " + dir + ": " + IoReasons.of(e), e);
        }
        if (!HELD.add(key)) {
            throw new TraceException(dir + " is being written by another wdfrr writer in this process"
                    + ": choose another directory, or wait until it has finished");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(key);
            throw new TraceException("cannot create trace " + dir + ": " + IoReasons.of(e), e);
        }
        try {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // a writer in this JVM holds it
            }
            if (l == null) {
                String who = describe(read(ch));
                ch.close();
                HELD.remove(key);
                throw new TraceException(dir + " is being written by another wdfrr" + who
                        + ": choose another directory, or wait until it has finished");
            }
            ProcessHandle self = ProcessHandle.current();
            String owner = self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("-");
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.US_ASCII)), 0);
            return new WriterLock(key, ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            HELD.remove(key);
            throw new TraceException("cannot create trace " + dir + ": " + IoReasons.of(e), e);
        }
    }

    /**
     * Whether a live process holds the claim on {@code dir}: its lock file names a process that
     * is still running (the same one: same start time). False for a finished trace, one whose
     * writer died, and one made before lock files existed.
     */
    public static boolean writerAlive(Path dir) {
        String owner;
        try {
            if (HELD.contains(dir.toRealPath())) {
                return true;
            }
            owner = read(dir.resolve(NAME));
        } catch (IOException e) {
            return false; // no lock file (a trace from before them) or no directory: no live writer
        }
        String[] parts = owner.trim().split(" ");
        if (parts.length != 2) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        return parts[1].equals("-") || started.isEmpty() || started.get().toString().equals(parts[1]);
    }

    private static String read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(200);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
            // until the end of the (short) file
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
    }

    private static String describe(String owner) {
        String[] parts = owner.trim().split(" ");
        return parts.length >= 1 && !parts[0].isEmpty() && parts[0].chars().allMatch(Character::isDigit)
                ? " process (pid " + parts[0] + ")" : " process";
    }

    /** Releases the claim; the file stays, empty, so that it names no writer. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // a stale name is harmless: readers check that the process is alive
        }
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        HELD.remove(key);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
