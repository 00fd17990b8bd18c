package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(180)
class ReplayCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void replayOfALiveRecordingSaysIdenticalAndExitsZero() {
        Path trace = tmp.resolve("live");
        assertThat(Cli.run("record", "nic", "--engine", "live", "--duration", "100ms", "-o", trace.toString()).exit()).isZero();
        Path again = tmp.resolve("again");
        Cli.Result r = Cli.run("replay", trace.toString(), "-o", again.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("scenario built-in nic (dev.wdfrr.scenarios.NicScenario), recorded by the live engine",
                "events: identical; outcome reproduced: passed");
        Cli.Result diff = Cli.run("diff", trace.toString(), again.toString());
        assertThat(diff.exit()).isZero();
        assertThat(diff.out()).startsWith("identical: ");
    }

    @Test
    void exploreFindsSavesAndPrintsTheReplayCommandThenShrinks() {
        Path out = tmp.resolve("lost");
        Cli.Result r = Cli.run("explore", "lost-update", "--strategy", "pct", "--depth", "3", "--iterations", "10000",
                "--seed", "1", "-o", out.toString(), "--shrink");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("schedule [\\d,]+ failed \\(pct\\(depth=3, seed=\\d+\\)\\)")
                .contains("failure: invariant violated", "reproduce: wdfrr replay " + out, "shrunk in", "shrunk trace: " + out + "-shrunk")
                .containsPattern("coverage: \\d+ distinct interleavings? of conflicting steps in \\d+ schedules?")
                .containsPattern("\\d+ data races? \\(unordered accesses to shared state\\):" + System.lineSeparator()
                        + "  data race on register 2 of 'port0' \\(#4\\): ")
                .containsPattern("shrunk failure: invariant violated: .*" + System.lineSeparator()
                        + "\\d+ data races? \\(unordered accesses to shared state\\):" + System.lineSeparator()
                        + "  data race on register 2 of 'port0' \\(#4\\): ");
        assertThat(Cli.run("replay", out.toString()).exit()).isZero();
        assertThat(Cli.run("replay", out + "-shrunk").out()).contains("outcome reproduced: invariant violated");
        Cli.Result diff = Cli.run("diff", out.toString(), out + "-shrunk");
        assertThat(diff.exit()).isEqualTo(1);
        assertThat(diff.out()).startsWith("first divergence at event #");
    }

    @Test
    void exploreKeepGoingRunsTheBudgetAndPrintsOneRowPerKindOfFailureWithItsTrace() {
        Path out = tmp.resolve("kg");
        Cli.Result r = Cli.run("explore", "lost-update", "--strategy", "pos-dep", "--iterations", "300", "--seed", "2",
                "--keep-going", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("\\d+ of 300 schedules failed \\(pos-dep, [\\d.]+ s, \\d+ schedules/s\\), 1 kind of failure:")
                .contains("count     first  signature / trace",
                        "invariant violated: invariant of lost-update violated: RX_TOTAL is N after N DPC runs: an update was lost",
                        out + "-1   reproduce: wdfrr replay " + out + "-1")
                .containsPattern("coverage: \\d+ distinct interleavings of conflicting steps in 300 schedules");
        assertThat(Cli.run("replay", out + "-1").out()).contains("outcome reproduced: invariant violated");
    }

    @Test
    void exploreWithATimeWindowRecordsItAndTheTraceReplays() {
        Path out = tmp.resolve("jit");
        Cli.Result r = Cli.run("explore", "lost-update", "--strategy", "random", "--jitter", "2us", "--seed", "3", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(Cli.run("dump", out.toString(), "--limit", "0").out()).containsPattern("jitter=2(\\.0+)?us");
        assertThat(Cli.run("replay", out.toString()).out()).contains("outcome reproduced: invariant violated");
        assertThat(Cli.run("explore", "lost-update", "--jitter", "soon").err()).startsWith("wdfrr explore: --jitter: malformed duration 'soon'");
    }

    @Test
    void exploreOfACleanScenarioExitsZero() {
        Cli.Result r = Cli.run("explore", "usb-reset", "--iterations", "20", "-o", tmp.resolve("x").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("exploring usb-reset: up to 20 schedules (pct); Ctrl-C stops it")
                .contains("no failure in 20 schedules (pct").contains("coverage: ");
    }

    @Test
    void badExploreAndReplayInputIsExitTwo() {
        assertThat(Cli.run("explore", "lost-update", "--strategy", "bfs").err()).startsWith("wdfrr explore: --strategy: unknown strategy 'bfs'");
        assertThat(Cli.run("explore", "lost-update", "--iterations", "0").err()).startsWith("wdfrr explore: --iterations must be at least 1, got 0");
        assertThat(Cli.run("explore", "nope").exit()).isEqualTo(2);
        assertThat(Cli.run("replay", tmp.resolve("none").toString()).err().strip()).isEqualTo("wdfrr replay: no such trace: " + tmp.resolve("none"));
        assertThat(Cli.run("replay", "../traces/nic", "--classpath", tmp.resolve("missing.jar").toString()).err())
                .startsWith("wdfrr replay: --classpath entry");
        assertThat(Cli.run("diff", "../traces/nic", tmp.resolve("none").toString()).exit()).isEqualTo(2);
    }

    @Test
    void theCommittedSampleTracesReplay() {
        for (String t : new String[]{"nic", "dma", "sensor", "usb-reset"}) {
            Cli.Result r = Cli.run("replay", "../traces/" + t);
            assertThat(r.exit()).as(t + ": " + r.out()).isZero();
        }
        assertThat(Cli.run("replay", "../traces/lost-update-failing").out()).contains("outcome reproduced: invariant violated");
    }
}
