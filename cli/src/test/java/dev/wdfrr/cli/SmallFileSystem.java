package dev.wdfrr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code wdfrr} jar against a file system of its own: a tmpfs with a size (or
 * inode) limit, mounted at {@code WORK/fs} in a private mount namespace ({@code unshare}), so
 * that a full disk is the real thing, memory-mapped pages included, and nothing outside the
 * test sees it. Root can do this directly; anyone else needs unprivileged user namespaces.
 *
 * <p>The script given runs inside the namespace with {@code $FS} (the mount), {@code $WORK}
 * (outside it) and a shell function {@code wdfrr NAME ARGS...} that runs the jar and leaves
 * {@code WORK/NAME.out}, {@code .err} and {@code .rc}. A JVM crash writes {@code WORK/hs_err_*}.
 */
final class SmallFileSystem {
    private static final String PRELUDE = """
            set -u
            mount -t tmpfs -o "$OPTS" tmpfs "$FS" || { echo "cannot mount a tmpfs at $FS" >&2; exit 97; }
            if [ "$FREE" -ge 0 ]; then
              total=$(df -B1 --output=size "$FS" | tail -1 | tr -d ' ')
              fill=$((total - FREE))
              if [ "$fill" -gt 0 ]; then fallocate -l "$fill" "$FS/filler" || exit 98; fi
            fi
            wdfrr() {
              name=$1; shift
              "$JAVA" -XX:ErrorFile="$WORK/hs_err_%p.log" -jar "$JAR" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
              echo $? >"$WORK/$name.rc"
            }
            """;

    private SmallFileSystem() {
    }

    /** What one {@code wdfrr NAME ...} call in the script left. */
    record Run(int exit, String out, String err) {
    }

    /**
     * Mounts a tmpfs with {@code options} (e.g. {@code size=1m}) at {@code work/fs}, fills it so
     * that {@code freeBytes} stay free (-1: leave it empty), and runs {@code script}.
     */
    static void run(Path work, String options, long freeBytes, String script) throws IOException, InterruptedException {
        Path fs = work.resolve("fs");
        Files.createDirectories(fs);
        List<String> cmd = new ArrayList<>(namespaceCommand(fs));
        cmd.addAll(List.of("sh", "-c", PRELUDE + script));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("namespace.log").toFile());
        pb.environment().put("OPTS", options);
        pb.environment().put("FS", fs.toString());
        pb.environment().put("WORK", work.toString());
        pb.environment().put("FREE", Long.toString(freeBytes));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JAR", jar().toString());
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the commands on the small file system did not end within 240 s");
        }
        String log = Files.readString(work.resolve("namespace.log"), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("could not set up the small file system (exit " + p.exitValue() + "): " + log);
        }
    }

    /** The result of {@code wdfrr NAME ...} in the last script. */
    static Run result(Path work, String name) throws IOException {
        Path rc = work.resolve(name + ".rc");
        if (!Files.exists(rc)) {
            throw new AssertionError("wdfrr " + name + " did not run: " + Files.readString(work.resolve("namespace.log")));
        }
        return new Run(Integer.parseInt(Files.readString(rc).trim()), Files.readString(work.resolve(name + ".out")),
                Files.readString(work.resolve(name + ".err")));
    }

    /** JVM crash reports left in {@code work}. */
    static List<String> crashReports(Path work) throws IOException {
        try (var s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList();
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("wdfrr.jar", "target/wdfrr.jar")).toAbsolutePath();
    }

    /**
     * {@code unshare} with a private mount namespace: directly as root, else inside a user
     * namespace. Fails (never skips) with what to do when neither is allowed.
     */
    private static List<String> namespaceCommand(Path probeAt) throws InterruptedException {
        List<String> asRoot = List.of("unshare", "--mount", "--propagation", "private");
        List<String> asUser = List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private");
        for (List<String> c : List.of(asRoot, asUser)) {
            List<String> probe = new ArrayList<>(c);
            probe.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=4k tmpfs \"$0\"", probeAt.toString()));
            try {
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return c;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                throw new AssertionError("this test needs unshare(1) (util-linux) to mount a small file system: " + e.getMessage());
            }
        }
        throw new AssertionError("this test mounts a small tmpfs in a private mount namespace: run it as root, or enable "
                + "unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 / user.max_user_namespaces > 0)");
    }
}
