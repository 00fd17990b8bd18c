package dev.wdfrr.cli;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar among other processes and the file system: two recorders racing for one
 * directory, a pipe closed by its reader, a display that is not there, a read-only or
 * inode-less file system, a trace file it may not read. Each ends in one line and exit 2 (or,
 * for the pipe, stops at once).
 */
@Timeout(300)
class ProcessMannersIT {
    @TempDir
    Path tmp;

    private static Process start(Path cwd, Path out, Path err, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                SmallFileSystem.jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int await(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wdfrr did not end within 120 s");
        }
        return p.exitValue();
    }

    @Test
    void aSecondRecorderOfTheSameDirectoryIsRefusedWhileTheFirstRecordsAndTheFirstTraceStaysIntact() throws Exception {
        Path dir = tmp.resolve("same");
        Process first = start(tmp, tmp.resolve("1.out"), tmp.resolve("1.err"), Map.of(),
                "record", "nic", "--engine", "live", "--duration", "3s", "-o", dir.toString());
        // The second starts once the first has claimed the directory (its lock file names it).
        Path lock = dir.resolve("wdfrr-writer.lock");
        for (int i = 0; i < 1200 && !(Files.exists(lock) && Files.size(lock) > 0) && first.isAlive(); i++) {
            first.waitFor(100, TimeUnit.MILLISECONDS);
        }
        assertThat(Files.exists(lock) && Files.size(lock) > 0).as("the first recorder claimed the directory").isTrue();
        for (String force : new String[]{"", "--force"}) {
            Path err = tmp.resolve("2" + force + ".err");
            List<String> args = new ArrayList<>(List.of("record", "nic", "--engine", "live", "--duration", "1s", "-o", dir.toString()));
            if (!force.isEmpty()) {
                args.add(force);
            }
            int second = await(start(tmp, tmp.resolve("2.out"), err, Map.of(), args.toArray(String[]::new)));
            String stderr = Files.readString(err);
            assertThat(second).as(stderr).isEqualTo(2);
            assertThat(stderr.lines().toList()).containsExactly("wdfrr record: " + dir + " is being written by another wdfrr process (pid "
                    + first.pid() + "): choose another directory, or wait until it has finished");
        }
        assertThat(await(first)).as(Files.readString(tmp.resolve("1.err"))).isZero();
        JarIT.Run stats = JarIT.java(tmp, "stats", dir.toString(), "--json");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.err()).isEmpty();
        assertThat(stats.out()).contains("\"truncated\":false", "\"outcome\":\"passed\"");
    }

    @Test
    void dumpIntoAPipeThatHeadClosedStopsAtOnce() throws Exception {
        Path big = tmp.resolve("big");
        TraceWriter w = TraceWriter.create(big, false);
        w.begin(new RunInfo("0.1", "big", "test", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 0, 0, "jvm", "os"));
        for (int i = 0; i < 400_000; i++) {
            w.event(i, i, EventType.MARK.id(), 0, -1, 0, 0, 0, i);
        }
        w.close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("bash", "-c", "\"$0\" -jar \"$1\" dump \"$2\" | head -1; echo \"exit ${PIPESTATUS[0]}\"",
                java, SmallFileSystem.jar().toString(), big.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("pipe.txt").toFile()).start();
        assertThat(await(p)).isZero();
        List<String> lines = Files.readAllLines(tmp.resolve("pipe.txt"), StandardCharsets.UTF_8);
        // 141: stopped by the closed pipe (as SIGPIPE would); a dump that wrote on into the pipe ends 0.
        assertThat(lines).as(String.join("\n", lines)).hasSize(2).endsWith("exit 141");
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitTwoNeverAStackTrace() throws Exception {
        Path big = tmp.resolve("big");
        TraceWriter w = TraceWriter.create(big, false);
        w.begin(new RunInfo("0.1", "big", "test", Map.of(), EngineKind.LIVE, 1, "live", 1, 1, 0, 0, "jvm", "os"));
        for (int i = 0; i < 600_000; i++) {
            w.event(i, i, EventType.MARK.id(), i % 7, -1, 0, 0, 0, i);
        }
        w.close();
        // The chart's model holds every event: 600k of them do not fit a 16 MB heap.
        Path err = tmp.resolve("oom.err");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m", "-jar",
                SmallFileSystem.jar().toString(), "chart", big.toString(), "-o", tmp.resolve("big.png").toString());
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(tmp.resolve("oom.out").toFile())
                .redirectError(err.toFile()).start();
        int exit = await(p);
        String stderr = Files.readString(err);
        assertThat(exit).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().toList()).containsExactly("wdfrr: out of memory (Java heap space): the input needs more than "
                + "this JVM has; run java with a larger -Xmx");
    }

    @Test
    void aDisplayThatIsNotThereIsOneLine() throws Exception {
        Path err = tmp.resolve("view.err");
        int exit = await(start(tmp, tmp.resolve("view.out"), err, Map.of("DISPLAY", ":97"), "view"));
        String stderr = Files.readString(err);
        assertThat(exit).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().toList()).hasSize(1);
        assertThat(stderr).startsWith("wdfrr view: cannot open the viewer: ").contains(":97");
    }

    @Test
    void aReadOnlyOrInodelessFileSystemIsOneLineNamingTheReason() throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        SmallFileSystem.run(ro, "size=1m,ro", -1, "wdfrr rec record nic -o \"$FS/t\"\n");
        SmallFileSystem.Run r = SmallFileSystem.result(ro, "rec");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("Read-only file system").doesNotContain("internal error");

        Path inodes = tmp.resolve("inodes");
        Files.createDirectories(inodes);
        SmallFileSystem.run(inodes, "size=8m,nr_inodes=4", -1, "wdfrr rec record nic -o \"$FS/t\"\n");
        r = SmallFileSystem.result(inodes, "rec");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("No space left on device").doesNotContain("internal error");
        assertThat(SmallFileSystem.crashReports(ro)).isEmpty();
        assertThat(SmallFileSystem.crashReports(inodes)).isEmpty();
    }

    @Test
    void aTraceFileItMayNotReadIsPermissionDeniedNamingTheFile() throws Exception {
        Path t = tmp.resolve("t");
        assertThat(JarIT.java(tmp, "record", "nic", "-o", t.toString()).exit()).isZero();
        Path cq4;
        try (var s = Files.list(t)) {
            cq4 = s.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(cq4, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Root reads anything: the reader runs as nobody then (setpriv, util-linux).
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", SmallFileSystem.jar().toString(),
                "stats", t.toString()));
        Path err = tmp.resolve("stats.err");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(tmp.resolve("stats.out").toFile())
                .redirectError(err.toFile()).start();
        int exit = await(p);
        String stderr = Files.readString(err);
        assertThat(exit).as(stderr).isEqualTo(2);
        assertThat(stderr.lines().toList()).containsExactly("wdfrr stats: cannot read " + t + ": permission denied (" + cq4 + ")");
    }
}
