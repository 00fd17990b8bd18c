package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C and SIGTERM as normal ways to stop, with the packaged jar in a process of its own and
 * a real signal: the trace is closed cleanly, the command says how far it got, and a replay
 * of the cut-short recording reproduces every event it holds. Every wait is bounded.
 */
@Timeout(240)
class StopWithSignalIT {
    @TempDir
    Path tmp;

    /** The jar running in a process of its own, its output read line by line as it comes. */
    private static final class Running implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();

        Running(Path cwd, String... args) throws IOException {
            Path jar = Path.of(System.getProperty("wdfrr.jar", "target/wdfrr.jar")).toAbsolutePath();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dwdfrr.command=./wdfrr", "-jar", jar.toString()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("(output lost: " + e + ")");
                }
            }, "output of " + String.join(" ", args));
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits (at most 90 s) for a line starting with {@code prefix}; returns it. */
        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l != null) {
                    all.add(l);
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                }
            }
            throw new AssertionError("no line starting with '" + prefix + "' in 90 s; got " + all);
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private void stopsARecordingCleanly(String signal, int exit) throws Exception {
        long events;
        try (Running rec = new Running(tmp, "record", "nic", "--engine", "live", "--duration", "10m", "-o", "cut")) {
            rec.awaitLine("recording nic (live, seed 1) to cut; Ctrl-C stops it and keeps the trace");
            rec.signal(signal);
            String stopped = rec.awaitLine("stopped after ");
            assertThat(stopped).matches("stopped after \\d+ events; trace at cut");
            events = Long.parseLong(stopped.replaceAll("\\D+", " ").strip().split(" ")[0]);
            assertThat(rec.awaitExit()).as("the usual exit status for " + signal).isEqualTo(exit);
        }
        assertThat(events).isPositive();
        JarIT.Run check = JarIT.java(tmp, "check", "cut", "--no-budgets");
        assertThat(check.err()).as("closed cleanly: not truncated").isEmpty();
        JarIT.Run replay = JarIT.java(tmp, "replay", "cut");
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("all " + events + " recorded events reproduced; the recording was cut short")
                .doesNotContain("DIVERGED");
    }

    @Test
    void ctrlCStopsARecordingWhoseReplayReproducesEveryRecordedEvent() throws Exception {
        stopsARecordingCleanly("INT", 130);
    }

    @Test
    void sigtermStopsARecordingTheSameWay() throws Exception {
        stopsARecordingCleanly("TERM", 143);
    }

    @Test
    void ctrlCStopsAnExplorationAndSaysHowFarItGot() throws Exception {
        try (Running explore = new Running(tmp, "explore", "nic", "--iterations", "100000000", "-o", "never")) {
            explore.awaitLine("exploring nic: up to 100,000,000 schedules (pct); Ctrl-C stops it");
            explore.signal("INT");
            assertThat(explore.awaitLine("stopped after ")).matches("stopped after [\\d,]+ schedules; no failing schedule found so far");
            assertThat(explore.awaitExit()).isEqualTo(130);
        }
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void theCommandsPrintedWorkAsPrintedThroughTheLauncher() throws Exception {
        try (Running explore = new Running(tmp, "explore", "lost-update", "-o", "lu")) {
            assertThat(explore.awaitLine("reproduce: ")).isEqualTo("reproduce: ./wdfrr replay lu");
            assertThat(explore.awaitExit()).isEqualTo(1);
        }
    }
}
