package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run as a user runs it: {@code java -jar wdfrr.jar}, no JVM flags. */
@Timeout(180)
class JarIT {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run java(Path cwd, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("wdfrr.jar", "target/wdfrr.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = cwd.resolve("out.txt");
        Path err = cwd.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("wdfrr " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void recordAndStatsWorkWithoutAnyJvmFlags() throws Exception {
        Run rec = java(tmp, "record", "nic", "--engine", "live", "--duration", "200ms", "-o", "t");
        assertThat(rec.err()).isEmpty();
        assertThat(rec.exit()).isZero();
        Run stats = java(tmp, "stats", "t", "--json");
        assertThat(stats.err()).isEmpty();
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("\"outcome\":\"passed\"");
    }

    @Test
    void demoWritesTracesDemoUnderTheWorkingDirectory() throws Exception {
        Run demo = java(tmp, "demo", "--duration", "200ms");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.err()).isEmpty();
        assertThat(tmp.resolve("traces/demo")).isDirectory();
        assertThat(demo.out()).contains("invariant held");
    }

    @Test
    void badInputIsOneLineOnStderrAndExitTwo() throws Exception {
        Run r = java(tmp, "stats", "no-such-trace");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("wdfrr stats: no such trace: no-such-trace");
    }

    @Test
    void aFullDiskStopsTheRecordingWithAClearErrorAndTheTraceStaysReadable() throws Exception {
        // A file size limit (RLIMIT_FSIZE) stands in for a full disk: writes past it fail as they
        // would with ENOSPC. SIGXFSZ is ignored so that the write fails instead of killing the JVM.
        Path jar = Path.of(System.getProperty("wdfrr.jar", "target/wdfrr.jar")).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder("bash", "-c", "trap '' XFSZ; ulimit -f 12288; exec \"$0\" -jar \"$1\" record nic --engine live "
                + "--duration 60s --param rate=200000 -o full", java, jar.toString())
                .directory(tmp.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("recording into a full disk ends").isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr.lines()).hasSize(1);
        assertThat(stderr).startsWith("wdfrr record: cannot write trace full: ").contains("readable up to event");
        assertThat(tmp.toFile().list()).noneMatch(f -> f.startsWith("hs_err"));
        Run stats = java(tmp, "stats", "full", "--json");
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("\"truncated\":true");
        assertThat(stats.err()).isEmpty();
    }

    @Test
    void chronicleAnalyticsIsNotInTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("wdfrr.jar", "target/wdfrr.jar"));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(z.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(n -> n.contains("chronicle/analytics") || n.contains("chronicle-analytics"));
        }
    }
}
