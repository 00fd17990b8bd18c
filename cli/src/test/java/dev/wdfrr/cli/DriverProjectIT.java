package dev.wdfrr.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's driver project, end to end, as the user meets wdfrr: a separate Maven project
 * ({@code src/it/driver-project}, package {@code com.example.bluetooth}, public API only) built by
 * a real {@code mvn} on its real {@code pom.xml} against the wdfrr artifacts this build installed
 * into an isolated repository, and the packaged {@code wdfrr} command run from a shell. The
 * project's driver keeps a reference count and a stopping flag in traced cells of its device
 * context and waits on a kernel event; its {@code @WdfTest} uses JUnit's {@code Assertions},
 * AssertJ, and relies on a Java {@code assert} in the driver code. Steps, in order:
 * the test fails under exploration; the replay command it prints reproduces the failure verbatim
 * from a shell 20 times out of 20; {@code wdfrr explore --classpath … --shrink} shrinks it; one
 * passing recording gets a race report; after the fix, the saved failure kept as a guide-mode
 * regression test passes.
 */
@Timeout(900)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverProjectIT {
    private static final String TEST = "com.example.bluetooth.StopRaceTest#ioRacesStop";
    private static final String KEPT = "target/wdfrr-traces/StopRaceTest/ioRacesStop";

    static Path project;
    static Path bin;
    static String replayCommand;

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void copyTheProjectAndPutWdfrrOnThePath() throws IOException {
        Path sources = Path.of(System.getProperty("wdfrr.it.sources", "src/it")).toAbsolutePath();
        Path work = Path.of("target", "it").toAbsolutePath();
        project = work.resolve("driver-project");
        deleteTree(work);
        Map<String, String> tokens = Map.of("@wdfrr.version@", property("wdfrr.version"), "@junit.version@", property("junit.version"),
                "@assertj.version@", property("assertj.version"),
                "@user.repository.url@", Path.of(property("wdfrr.it.userRepo")).toUri().toString());
        try (Stream<Path> files = Files.walk(sources.resolve("driver-project"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = project.resolve(sources.resolve("driver-project").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.writeString(to, filter(Files.readString(f), tokens));
                }
            }
        }
        Files.writeString(work.resolve("settings.xml"), filter(Files.readString(sources.resolve("settings.xml")), tokens));
        // The user's wdfrr: the packaged jar behind a command on the PATH, as the README installs it.
        bin = Files.createDirectories(work.resolve("bin"));
        Path wdfrr = bin.resolve("wdfrr");
        Files.writeString(wdfrr, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '"
                + Path.of(property("wdfrr.jar")).toAbsolutePath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(wdfrr, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    @Order(1)
    void theTestFailsUnderExplorationAndPrintsAReplayCommand() throws Exception {
        Run mvn = mvn("test");
        assertThat(mvn.exit()).as(mvn.output()).isNotZero();
        String report = Files.readString(project.resolve("target/surefire-reports/com.example.bluetooth.StopRaceTest.txt"));
        assertThat(report).contains("StopRaceTest.ioRacesStop failed on schedule ", "I/O on a stopped device",
                "trace: " + KEPT, "data race on 'bt0.stoppingFlag'");
        Matcher m = Pattern.compile("(?m)^replay: (wdfrr replay \\S+ @\\S+)$").matcher(report);
        assertThat(m.find()).as(report).isTrue();
        replayCommand = m.group(1);
        assertThat(replayCommand).isEqualTo("wdfrr replay " + KEPT + " @" + KEPT + "/replay.args");
        assertThat(project.resolve(KEPT + "/replay.args")).exists();
    }

    @Test
    @Order(2)
    void thePrintedCommandReproducesTheFailureVerbatimTwentyTimesOutOfTwenty() throws Exception {
        Run shell = shell("for i in $(seq 20); do " + replayCommand + " || exit $?; done");
        assertThat(shell.exit()).as(shell.output()).isZero();
        assertThat(count(shell.output(), "outcome reproduced: exception")).as(shell.output()).isEqualTo(20);
        assertThat(shell.output()).contains("I/O on a stopped device", "assertions enabled as recorded")
                .doesNotContain("DIVERGED", "NoClassDefFoundError");
    }

    @Test
    @Order(3)
    void theCommandLineExploresAndShrinksTheTestMethod() throws Exception {
        Run explore = shell("wdfrr explore " + TEST + " @" + KEPT + "/replay.args -o target/explored --shrink");
        assertThat(explore.exit()).as(explore.output()).isEqualTo(1);
        assertThat(explore.output()).contains("failed", "I/O on a stopped device", "shrunk in", "shrunk trace: target/explored-shrunk");
        Run replay = shell("wdfrr replay target/explored-shrunk @" + KEPT + "/replay.args");
        assertThat(replay.exit()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("outcome reproduced: exception", "I/O on a stopped device");
    }

    @Test
    @Order(4)
    void onePassingRecordingAlreadyReportsTheRace() throws Exception {
        Run record = null;
        for (int seed = 1; seed <= 50; seed++) {
            record = shell("wdfrr record " + TEST + " @" + KEPT + "/replay.args --seed " + seed + " -o target/passing --force");
            if (record.exit() == 0) {
                break;
            }
        }
        assertThat(record.exit()).as("a passing schedule: " + record.output()).isZero();
        Run check = shell("wdfrr check target/passing");
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).containsPattern("ERROR DataRace 'bt0.stoppingFlag' \\(#\\d+\\) on (io|pnp-stop): data race on "
                + "'bt0.stoppingFlag' \\(#\\d+\\): (read|write) by (io|pnp-stop) at event \\d+ \\(BluetoothDevice\\.\\w+\\(BluetoothDevice\\.java:\\d+\\)\\)");
    }

    @Test
    @Order(5)
    void afterTheFixTheSavedFailureIsAPassingRegressionTest() throws Exception {
        Path driver = project.resolve("src/main/java/com/example/bluetooth/BluetoothDevice.java");
        String buggy = Files.readString(driver);
        String check = """
                        if (ctx.stoppingFlag.get()) {
                            return false;
                        }
                        ctx.pendingIo.incrementAndGet();
                        return true;
                """;
        String fixed = """
                        ctx.pendingIo.incrementAndGet(); // the fix: take the reference first, then check
                        if (ctx.stoppingFlag.get()) {
                            ioDecrement();
                            return false;
                        }
                        return true;
                """;
        assertThat(buggy).contains(check);
        Files.writeString(driver, buggy.replace(check, fixed));
        Files.writeString(project.resolve("src/test/java/com/example/bluetooth/StopRaceRegressionTest.java"), """
                package com.example.bluetooth;

                import dev.wdfrr.junit.WdfTest;
                import dev.wdfrr.runtime.WdfRuntime;

                /** The saved failure of StopRaceTest, kept: it follows the recording, then explores. */
                class StopRaceRegressionTest {
                    @WdfTest(replay = "%s", guide = true, iterations = 100)
                    void ioRacesStop(WdfRuntime rt) {
                        new StopRaceTest().ioRacesStop(rt);
                    }
                }
                """.formatted(KEPT));
        Run mvn = mvn("test", "-Dtest=StopRaceRegressionTest,StopRaceTest");
        assertThat(mvn.exit()).as(mvn.output()).isZero();
        assertThat(mvn.output()).contains("[wdfrr] StopRaceRegressionTest.ioRacesStop: the recording matched ",
                "explored 100 schedules", "[wdfrr] StopRaceTest.ioRacesStop: 300 schedules (pct, seed 1): no failure");
    }

    // ------------------------------------------------------------------ helpers

    private static Run mvn(String... goals) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-s", project.resolveSibling("settings.xml").toString(),
                "-Dmaven.repo.local=" + Path.of(property("wdfrr.it.repo")).toAbsolutePath()));
        cmd.addAll(Arrays.asList(goals));
        return run(cmd, 600);
    }

    private static Run shell(String line) throws Exception {
        return run(List.of("bash", "-c", line), 300);
    }

    private static Run run(List<String> cmd, int seconds) throws Exception {
        Path log = Files.createTempFile(project.getParent(), "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + seconds + " s: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String property(String key) {
        String v = System.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("run by failsafe with the system property " + key);
        }
        return v;
    }

    private static String filter(String text, Map<String, String> tokens) {
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return text;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
