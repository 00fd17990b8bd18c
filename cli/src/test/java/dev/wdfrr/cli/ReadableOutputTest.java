package dev.wdfrr.cli;

import dev.wdfrr.viewer.internal.latency.LatencyGrid;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the commands print, read as a user reads it: exit codes that mean something, one duration, readable times, help. */
@Timeout(120)
class ReadableOutputTest {
    private static final String FAILING = "../traces/lost-update-failing";

    @TempDir
    Path tmp;

    @Test
    void checkExitsOneForErrorsOnlyAndBudgetWarningsWhenAskedTo() {
        Cli.Result warnings = Cli.run("check", "../traces/nic", "--isr-budget", "100ns");
        assertThat(warnings.exit()).as("budget warnings are reported, not failed").isZero();
        assertThat(warnings.out()).contains("WARNING IsrBudget").containsPattern("ran \\d+(\\.\\d+)?(ns|us|ms|s) \\(from event \\d+\\), "
                + "over its budget of 100ns").doesNotContain(" ns ");
        assertThat(warnings.out().lines().reduce((a, b) -> b).orElseThrow()).matches("0 errors, \\d+ warnings \\(IsrBudget \\d+\\)");
        assertThat(Cli.run("check", "../traces/nic", "--isr-budget", "100ns", "--fail-on", "warning").exit()).isEqualTo(1);
        assertThat(Cli.run("check", "../traces/nic", "--fail-on", "warning").exit()).as("nothing to fail on").isZero();

        Cli.Result failed = Cli.run("check", FAILING, "--no-budgets");
        assertThat(failed.exit()).as("the run's failure is an error").isEqualTo(1);
        assertThat(failed.out()).contains("ERROR RunFailed on main: invariant violated: invariant of lost-update violated")
                .contains("ERROR DataRace 'port0' (#4)", "4 errors, 0 warnings (DataRace 3, RunFailed 1)");

        Cli.Result bad = Cli.run("check", "../traces/nic", "--fail-on", "never");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("wdfrr check: --fail-on: expected error or warning, got 'never'");
    }

    /** "events 1,052 over 2.00ms": the duration as stats writes it. */
    private static String statsDuration(Path trace) {
        Matcher m = Pattern.compile("events +[\\d,]+ over (\\S+)").matcher(Cli.run("stats", trace.toString()).out());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void recordStatsAndTheChartTitleGiveATraceOneDuration() {
        for (String engine : List.of("deterministic", "live")) {
            Path dir = tmp.resolve(engine);
            Cli.Result r = Cli.run("record", "nic", "--engine", engine, "--duration", "80ms", "-o", dir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            Matcher m = Pattern.compile("events over (\\S+)\\R").matcher(r.out());
            assertThat(m.find()).as(r.out()).isTrue();
            String recorded = m.group(1);
            assertThat(statsDuration(dir)).as(engine).isEqualTo(recorded);
            assertThat(LatencyGrid.header(TraceLoader.read(dir))).as(engine).endsWith(" over " + recorded.replace("us", "µs"));
        }
    }

    @Test
    void dumpTimesAreSinceTheRunStartedInOneReadableUnit() {
        Cli.Result det = Cli.run("dump", FAILING, "--from", "25", "--limit", "1");
        assertThat(det.out()).as("a 5 ms run in ms, to the ns").contains("      25   0.010000ms  device-1");
        Path live = tmp.resolve("live");
        assertThat(Cli.run("record", "nic", "--engine", "live", "--duration", "1100ms", "-o", live.toString()).exit()).isZero();
        String line = Cli.run("dump", live.toString(), "--from", "2", "--limit", "1").out().lines().skip(2).findFirst().orElseThrow();
        assertThat(line).as("a run over a second in s, to the ns").matches("\\s+2 +\\d+\\.\\d{9}s  runtime .*");
    }

    @Test
    void dumpThreadsPutsEachEventInItsThreadsColumn() {
        Cli.Result r = Cli.run("dump", FAILING, "--threads");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        String header = lines.get(1);
        assertThat(header).contains("main", "device", "isr-0", "isr-1", "cpu-0", "cpu-1").doesNotContain("thread-");
        int cpu0 = header.indexOf("cpu-0");
        int cpu1 = header.indexOf("cpu-1");
        String read = lines.stream().filter(l -> l.startsWith("      53 ")).findFirst().orElseThrow();
        String write = lines.stream().filter(l -> l.startsWith("      56 ")).findFirst().orElseThrow();
        assertThat(read.substring(cpu0)).startsWith("port0 reg2 -> 0"); // cpu-0 reads RX_TOTAL...
        assertThat(write.substring(cpu1)).startsWith("port0 reg2 <- 1"); // ...cpu-1 writes it back
        assertThat(write.substring(0, cpu1).strip()).endsWith("0.010000ms").as("nothing in other columns");
        assertThat(lines).as("no name events").noneMatch(l -> l.contains("string 1 ="));
        assertThat(r.out().strip()).endsWith("#143 main failure: invariant violated: invariant of lost-update violated: "
                + "RX_TOTAL is 5 after 6 DPC runs: an update was lost");
        assertThat(Cli.run("dump", FAILING, "--threads", "--json").exit()).isEqualTo(2);
    }

    @Test
    void helpNeverCutsASentenceOrAUrl() {
        String root = Cli.run("--help").out();
        for (String name : Wdfrr.commandLine().getSubcommands().keySet()) {
            Matcher m = Pattern.compile("(?m)^  " + name + " +(.*(\\R {13}.*)*)").matcher(root);
            assertThat(m.find()).as(name).isTrue();
            String entry = m.group(1).replaceAll("\\s+", " ").strip();
            assertThat(entry).as("the list shows %s's whole first sentence", name).endsWith(".");
            Cli.Result help = Cli.run(name, "--help");
            assertThat(help.out().lines()).as(name).allMatch(l -> l.length() <= HelpLayout.WIDTH);
        }
        assertThat(root.lines()).allMatch(l -> l.length() <= HelpLayout.WIDTH);
        for (CommandLine sub : Wdfrr.commandLine().getSubcommands().values()) {
            // a description or footer paragraph split into several array elements is printed with a line
            // break at each split, in the middle of a sentence ("an arrival,\nmodelled work)")
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                assertThat(o.description()).as("%s %s: one paragraph", sub.getCommandName(), o.longestName())
                        .hasSizeLessThanOrEqualTo(1);
            }
            assertThat(sub.getCommandSpec().usageMessage().footer()).as("%s's footer: whole sentences", sub.getCommandName())
                    .allMatch(p -> p.isEmpty() || p.endsWith("."));
        }
        assertThat(root).contains("ui.perfetto.dev");
        assertThat(Cli.run("export", "--help").out()).contains("ui.perfetto.dev");
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwoAndATypoIsCorrected() {
        Cli.Result none = Cli.run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).startsWith("Usage: wdfrr").contains("record", "replay");
        Cli.Result typo = Cli.run("recrod", "nic");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).startsWith("wdfrr: unknown command 'recrod'; did you mean 'record'?");
        assertThat(Cli.run("stat", "x").err()).startsWith("wdfrr: unknown command 'stat'; did you mean 'stats'?");
        assertThat(Cli.run("vei").err()).startsWith("wdfrr: unknown command 'vei'; did you mean 'view'?");
        assertThat(Cli.run("frobnicate").err()).startsWith("wdfrr: unknown command 'frobnicate'\n");
    }

    @Test
    void recordWithABadParameterValueLeavesNothingBehind() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Cli.Result r = Cli.run("record", "lost-update", "--param", "interrupts=abc", "-o", fresh.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wdfrr record: parameter interrupts of lost-update must be a whole number, got 'abc'");
        assertThat(fresh).doesNotExist();
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(Cli.run("record", "nic", "--param", "rate=fast", "-o", empty.toString()).exit()).isEqualTo(2);
        assertThat(empty).isEmptyDirectory();
    }

    @Test
    void statsJsonGivesNullPercentilesForAStageWithoutSamples() {
        String json = Cli.run("stats", FAILING, "--json").out();
        assertThat(json).contains("\"enqueue_to_start\":{\"count\":0,\"p50\":null,\"p90\":null,\"p99\":null,\"p999\":null,"
                + "\"max\":null,\"unmatched\":0}");
        assertThat(json).containsPattern("\"isr_duration\":\\{\"count\":6,\"p50\":\\d+");
    }

    @Test
    void theDemoTellsTheWholeStoryOfABug() throws Exception {
        Path demo = tmp.resolve("demo");
        Cli.Result r = Cli.run("demo", "--duration", "100ms", "-o", demo.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsSubsequence("invariant held", "$ wdfrr explore lost-update --shrink -o " + demo + "-failure",
                "schedule ", "data races (unordered accesses to shared state):", "shrunk failure: invariant violated",
                "data race on register 2 of 'port0' (#4): read by cpu-", "shrunk trace: " + demo + "-failure-shrunk",
                "$ wdfrr replay " + demo + "-failure-shrunk", "events: identical; outcome reproduced: invariant violated",
                "$ wdfrr dump " + demo + "-failure-shrunk --threads --from 25", "cpu-0", "port0 reg2 -> 0", "port0 reg2 <- 1",
                "What led here: data race on register 2 of 'port0' (#4): write by cpu-",
                "reg_write 'port0' (#4) reg 2 <- 1  (races with #", ", from LostUpdateScenario.countFrame(LostUpdateScenario.java:",
                "reg_write 'port0' (#4) reg 2 <- 1  (races with #", "(the failure)",
                "wrote " + demo + "-failure-timeline.png (timeline chart", "next:");
        assertThat(javax.imageio.ImageIO.read(tmp.resolve("demo-failure-timeline.png").toFile()).getWidth()).isEqualTo(1600);
        Cli.Result again = Cli.run("demo", "--duration", "50ms", "-o", demo.toString());
        assertThat(again.exit()).as("the demo replaces its own traces").isZero();
        Files.delete(tmp.resolve("demo-failure-timeline.png"));
        Files.createDirectory(tmp.resolve("demo-failure-timeline.png"));
        assertThat(Cli.run("demo", "--duration", "50ms", "-o", demo.toString()).err())
                .contains("is not the demo's picture");
    }
}
