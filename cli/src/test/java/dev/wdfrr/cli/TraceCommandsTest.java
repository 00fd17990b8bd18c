package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class TraceCommandsTest {
    @TempDir
    Path tmp;

    private Path record(String scenario, String... extra) {
        Path dir = tmp.resolve(scenario);
        String[] args = new String[3 + extra.length];
        args[0] = "record";
        args[1] = scenario;
        args[2] = "-o=" + dir;
        System.arraycopy(extra, 0, args, 3, extra.length);
        Cli.Result r = Cli.run(args);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("recorded " + scenario, dir.toString());
        return dir;
    }

    @Test
    void recordPrintsWhereTheTraceWentAndExitsZeroWhenThePassed() {
        Path dir = tmp.resolve("nic");
        Cli.Result r = Cli.run("record", "nic", "-o", dir.toString(), "--seed", "4", "--duration", "1ms");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("to " + dir, "outcome: passed");
        assertThat(Files.isDirectory(dir)).isTrue();
    }

    @Test
    void recordOfAFailingRunKeepsTheTraceAndExitsOne() {
        Path dir = tmp.resolve("lost");
        int exit = 0;
        for (int seed = 1; seed < 20 && exit == 0; seed++) {
            exit = Cli.run("record", "lost-update", "-o", dir.toString(), "--seed", "" + seed, "--force").exit();
        }
        assertThat(exit).isEqualTo(1);
        Cli.Result stats = Cli.run("stats", dir.toString());
        assertThat(stats.out()).contains("outcome   invariant violated", "an update was lost");
    }

    @Test
    void recordRefusesAnExistingTraceWithoutForce() {
        Path dir = record("dma");
        Cli.Result r = Cli.run("record", "dma", "-o", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wdfrr record: " + dir + " already holds files; choose another directory or pass --force to replace the trace there");
        assertThat(Cli.run("record", "dma", "-o", dir.toString(), "--force").exit()).isZero();
    }

    @Test
    void recordLiveWithParameters() {
        Path dir = tmp.resolve("live");
        Cli.Result r = Cli.run("record", "nic", "-o", dir.toString(), "--engine", "live", "--duration", "50ms",
                "--param", "rate=5000", "--workers", "3", "--cpus", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        Cli.Result dump = Cli.run("dump", dir.toString(), "--limit", "1");
        assertThat(dump.out()).contains("live engine", "3 workers, 1 CPUs");
    }

    @Test
    void badRecordInputIsOneLineAndExitTwo() {
        assertBad(Cli.run("record", "nope"), "wdfrr record: unknown scenario 'nope' (built-in: nic, dma");
        assertBad(Cli.run("record", "nic", "--workers", "0", "-o", tmp.resolve("a").toString()), "wdfrr record: workers must be between 1 and 64, got 0");
        assertBad(Cli.run("record", "nic", "--engine", "quantum", "-o", tmp.resolve("b").toString()), "wdfrr record: --engine: unknown engine 'quantum'");
        assertBad(Cli.run("record", "nic", "--param", "bogus=1", "-o", tmp.resolve("c").toString()), "wdfrr record: unknown parameter 'bogus' for scenario nic");
        assertBad(Cli.run("record", "nic", "--duration", "-5ms", "-o", tmp.resolve("d").toString()), "wdfrr record: --duration: malformed duration '-5ms'");
        assertBad(Cli.run("record", "nic", "--param", "rate=fast", "-o", tmp.resolve("e").toString()), "wdfrr record: parameter rate of nic must be a number, got 'fast'");
        assertBad(Cli.run("record", "nic", "--seed", "x"), "wdfrr: Invalid value for option '--seed'");
    }

    private static void assertBad(Cli.Result r, String start) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(start).doesNotContain("\tat ");
    }

    @Test
    void dumpPrintsOneLinePerEventWithFromLimitAndType() {
        Path dir = record("nic", "--duration", "1ms");
        Cli.Result all = Cli.run("dump", dir.toString());
        assertThat(all.exit()).isZero();
        long lines = all.out().lines().filter(l -> !l.startsWith("#")).count();
        Cli.Result some = Cli.run("dump", dir.toString(), "--from", "10", "--limit", "5");
        assertThat(some.out().lines().filter(l -> !l.startsWith("#"))).hasSize(5).first().asString().matches("\\s+10 .*");
        Cli.Result starts = Cli.run("dump", dir.toString(), "--type", "callback_start", "--type", "isr_start");
        assertThat(starts.out().lines().filter(l -> !l.startsWith("#"))).allMatch(l -> l.contains("callback_start") || l.contains("isr_start"));
        assertThat(lines).isGreaterThan(100);
    }

    @Test
    void dumpJsonIsOneObjectPerLine() {
        Path dir = record("sensor", "--duration", "1ms");
        Cli.Result r = Cli.run("dump", dir.toString(), "--json", "--type", "enqueue", "--limit", "3");
        assertThat(r.out().lines()).hasSize(3).allMatch(l -> l.startsWith("{\"seq\":") && l.endsWith("}") && l.contains("\"type\":\"enqueue\""));
    }

    @Test
    void dumpRejectsAnUnknownType() {
        Path dir = record("nic", "--duration", "1ms");
        Cli.Result r = Cli.run("dump", dir.toString(), "--type", "nonsense");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("wdfrr dump: --type: unknown event type 'nonsense' (known: name, interrupt,");
    }

    @Test
    void dumpsHeaderNamesTheEngineAndTheStrategyOnce() {
        Path live = record("nic", "--engine", "live", "--duration", "20ms");
        assertThat(Cli.run("dump", live.toString(), "--limit", "1").out()).contains(": scenario nic, live engine, seed 1, 2 workers, ")
                .doesNotContain("live, ");
        assertThat(Cli.run("dump", "../traces/nic", "--limit", "1").out())
                .contains(": scenario nic, deterministic engine, seed 1, random(seed=1), 2 workers, ");
    }

    @Test
    void statsListsRequestStagesOnlyForATraceWithRequests() {
        Path nicTrace = record("nic", "--duration", "1ms");
        Cli.Result nic = Cli.run("stats", nicTrace.toString());
        assertThat(nic.out()).contains("ISR duration").doesNotContain("request arrival", "requests   ");
        Cli.Result echo = Cli.run("stats", "../traces/echo");
        assertThat(echo.exit()).isZero();
        assertThat(echo.out()).contains("requests   ", "request arrival -> dispatch", "request dispatch -> complete",
                "request arrival -> complete", "request arrival -> cancelled");
        assertThat(Cli.run("stats", nicTrace.toString(), "--json").out())
                .as("--json keeps every stage").contains("\"request_arrival_to_dispatch\":{\"count\":0");
    }

    @Test
    void statsJsonHasTheDocumentedShape() {
        Path dir = record("nic", "--duration", "2ms");
        Cli.Result r = Cli.run("stats", dir.toString(), "--json");
        assertThat(r.exit()).isZero();
        String j = r.out().strip();
        assertThat(j).startsWith("{").endsWith("}").doesNotContain("\n")
                .contains("\"events\":{\"name\":", "\"isr_start\":", "\"callback_start\":", "\"callback_end\":", "\"delete\":1")
                .contains("\"coalesced\":{\"enqueue\":", "\"dpc\":")
                .contains("\"latency\":{\"isr_duration\":{\"count\":", "\"interrupt_to_dpc\":", "\"enqueue_to_start\":",
                        "\"callback_duration\":", "\"interrupt_to_callback_end\":", "\"p999\":")
                .contains("\"violations\":0", "\"truncated\":false", "\"outcome\":\"passed\"");
    }

    @Test
    void missingAndNonTracePathsAreOneLineAndExitTwo() throws Exception {
        Cli.Result missing = Cli.run("stats", tmp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("wdfrr stats: no such trace: " + tmp.resolve("nope"));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli.Result notTrace = Cli.run("dump", empty.toString());
        assertThat(notTrace.exit()).isEqualTo(2);
        assertThat(notTrace.err()).contains("is not a trace").doesNotContain("\tat ");
    }
}
