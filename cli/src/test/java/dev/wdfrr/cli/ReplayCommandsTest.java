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
        assertThat(r.out()).containsPattern("schedule #\\d+ failed \\(pct\\(depth=3, seed=\\d+\\)\\)")
                .contains("failure: invariant violated", "reproduce: wdfrr replay " + out, "shrunk in", "shrunk trace: " + out + "-shrunk");
        assertThat(Cli.run("replay", out.toString()).exit()).isZero();
        assertThat(Cli.run("replay", out + "-shrunk").out()).contains("outcome reproduced: invariant violated");
        Cli.Result diff = Cli.run("diff", out.toString(), out + "-shrunk");
        assertThat(diff.exit()).isEqualTo(1);
        assertThat(diff.out()).startsWith("first divergence at event #");
    }

    @Test
    void exploreOfACleanScenarioExitsZero() {
        Cli.Result r = Cli.run("explore", "usb-reset", "--iterations", "20", "-o", tmp.resolve("x").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("exploring usb-reset: up to 20 schedules (pct); Ctrl-C stops it")
                .contains("no failure in 20 schedules (pct");
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
