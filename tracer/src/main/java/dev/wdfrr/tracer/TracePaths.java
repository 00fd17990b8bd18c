package dev.wdfrr.tracer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks on the paths commands write to: an output must name a place of its own (not the
 * working directory by way of an empty path, not the root) and must not overlap the input it
 * is made from, so that no command can destroy what it reads.
 */
public final class TracePaths {
    private TracePaths() {
    }

    /**
     * Refuses an output path that is empty (or resolves to the working directory: {@code ""},
     * {@code "."}, {@code "a/.."}) or to the root of the file system.
     *
     * @throws TraceException saying which
     */
    public static void checkOutput(Path out) {
        if (out.toString().isEmpty() || out.normalize().toString().isEmpty()) {
            throw new TraceException("the output path '" + out + "' is empty or the working directory itself; name a directory");
        }
        if (out.toAbsolutePath().normalize().getFileName() == null) {
            throw new TraceException("the output path '" + out + "' is the root of the file system; name a directory");
        }
    }

    /**
     * Whether one of the two paths is the other or lies inside it, after following symbolic
     * links of the parts that exist. Paths that do not exist yet compare by their existing
     * ancestors' real paths plus the rest.
     */
    public static boolean overlap(Path a, Path b) {
        Path ra = real(a);
        Path rb = real(b);
        return ra.startsWith(rb) || rb.startsWith(ra);
    }

    /** The real path of the longest existing ancestor, with the rest appended. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
