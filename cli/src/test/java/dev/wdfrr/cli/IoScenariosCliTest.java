package dev.wdfrr.cli;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's "done when" for the scenarios modelled on KMDF samples: a clean one records without
 * findings under both engines and its recording replays identically; a buggy one is found by
 * PCT within 10,000 schedules and its saved schedule replays to the same failure 20 times out of 20.
 */
@Timeout(600)
class IoScenariosCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"echo, deterministic", "echo, live", "toaster, deterministic", "toaster, live", "thermal, deterministic",
            "thermal, live"})
    void cleanScenarioRecordsWithoutFindingsAndReplaysIdentically(String id, String engine) {
        Path trace = tmp.resolve(id + "-" + engine);
        Cli.Result rec = Cli.run("record", id, "--engine", engine, "--seed", "5", "-o", trace.toString());
        assertThat(rec.exit()).as(rec.out() + rec.err()).isZero();
        Cli.Result check = Cli.run("check", trace.toString(), "--no-budgets");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).doesNotContain("error");
        Cli.Result replay = Cli.run("replay", trace.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("events: identical; outcome reproduced: passed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel-race", "watchdog-after-d0exit", "stop-inflight"})
    void pctFindsTheBuggyScenarioWithinTenThousandSchedulesAndReplayReproducesItTwentyTimesOutOfTwenty(String id) {
        Path out = tmp.resolve(id);
        Cli.Result r = Cli.run("explore", id, "--strategy", "pct", "--iterations", "10000", "--seed", "1", "-o", out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("schedule [\\d,]+ failed").contains("reproduce: wdfrr replay " + out);
        for (int i = 0; i < 20; i++) {
            Cli.Result replay = Cli.run("replay", out.toString());
            assertThat(replay.exit()).as("replay %d: %s%s", i, replay.out(), replay.err()).isZero();
            assertThat(replay.out()).contains("events: identical; outcome reproduced:");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "echo|cancel-fraction=2|parameter cancel-fraction of echo must be in [0, 1], got 2.0",
            "toaster|stop-at=9ms..1ms|parameter stop-at of toaster must be a window FROM..TO with 0 <= FROM <= TO, got '9ms..1ms'",
            "stop-inflight|purge=later|parameter purge of stop-inflight must be one of complete, ignore, got 'later'",
            "echo|timer-period=0ms|parameter timer-period of echo must be a duration above 0, got '0ms'",
            "toaster|remove-at=none|parameter remove-at of toaster must be a window, not none",
            "watchdog-after-d0exit|period=0|parameter period of watchdog-after-d0exit must be a duration above 0, got '0'"})
    void aBadScenarioParameterIsExitTwoWithOneLine(String id, String param, String message) {
        Path dir = tmp.resolve("bad-" + id);
        Cli.Result r = Cli.run("record", id, "--param", param, "-o", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).endsWith(message).doesNotContain("\n");
        assertThat(r.out()).as("checked before the recording begins: no banner").isEmpty();
        assertThat(dir).doesNotExist();
        Cli.Result explore = Cli.run("explore", id, "--param", param, "--iterations", "5");
        assertThat(explore.exit()).isEqualTo(2);
        assertThat(explore.err().strip()).endsWith(message).doesNotContain("\n");
        assertThat(explore.out()).isEmpty();
    }

    /** cancel-race's schedule 1 under pct seed 6 hangs the stop after the double completion: the summary names both. */
    @org.junit.jupiter.api.Test
    void aHangAfterVerifierViolationsIsReportedWithTheFirstOfThem() {
        Path out = tmp.resolve("hang");
        Cli.Result r = Cli.run("explore", "cancel-race", "--strategy", "pct", "--seed", "6", "-o", out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("failure: deadlock: hang: WdfIoQueueStopSynchronously of queue 'echo-queue'")
                .contains("also: 3 verifier violations, the first: UseAfterComplete: WdfRequestUnmarkCancelable of request");
    }
}
