package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class CheckExportCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void aCleanTraceChecksCleanAndExitsZero() {
        Cli.Result r = Cli.run("check", "../traces/nic");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("no findings in ");
    }

    @Test
    void findingsAreListedWithTheirEventAndBudgetWarningsExitZero() {
        Cli.Result r = Cli.run("check", "../traces/nic", "--isr-budget", "100ns", "--dpc-budget", "1us");
        assertThat(r.exit()).as("warnings are reported, not failed").isZero();
        assertThat(r.out()).contains("IsrBudget", "DpcBudget").containsPattern("event \\d+: WARNING");
        Cli.Result j = Cli.run("check", "../traces/nic", "--isr-budget", "100ns", "--json");
        assertThat(j.out().strip()).startsWith("{\"trace\":").contains("\"findings\":[{\"seq\":", "\"rule\":\"IsrBudget\"",
                "\"counts\":{", "\"leaks_checked\":true");
    }

    /** A failing recording of self-flush-hang: the first seed that fails. */
    private Path failingSelfFlushHang() {
        Path dir = tmp.resolve("sfh");
        int exit = 0;
        for (int seed = 1; seed < 30 && exit == 0; seed++) {
            exit = Cli.run("record", "self-flush-hang", "-o", dir.toString(), "--seed", "" + seed, "--force").exit();
        }
        return dir;
    }

    @Test
    void aBuggyRunsViolationIsFound() {
        Path dir = failingSelfFlushHang();
        Cli.Result r = Cli.run("check", dir.toString(), "--no-budgets");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("DeleteWaitsOnItself");
    }

    /** One passing recording of the lost update already shows the race that loses it. */
    @Test
    void aRecordingThatPassedReportsTheDataRaceThatCanFailIt() {
        Path dir = tmp.resolve("lu");
        int exit = 1;
        for (int seed = 1; seed < 100 && exit != 0; seed++) {
            exit = Cli.run("record", "lost-update", "-o", dir.toString(), "--seed", "" + seed, "--force").exit();
        }
        assertThat(exit).as("a passing schedule").isZero();
        Cli.Result r = Cli.run("check", dir.toString(), "--no-budgets");
        assertThat(r.exit()).isEqualTo(1);
        String site = " \\(LostUpdateScenario.countFrame\\(LostUpdateScenario.java:\\d+\\)\\)";
        assertThat(r.out()).containsPattern("event \\d+: ERROR DataRace 'port0' \\(#4\\) on cpu-\\d: data race on register 2 of 'port0' "
                + "\\(#4\\): (read|write) by cpu-\\d at event \\d+" + site + " and (read|write) by cpu-\\d at event \\d+" + site
                + " are not ordered by happens-before");
        assertThat(Cli.run("check", dir.toString(), "--no-budgets", "--json").out()).contains("\"rule\":\"DataRace\"",
                "\"race_analysis\":\"complete\"");
    }

    /** A report wdfrr makes to be helpful must never read as the framework's behaviour (issue 13, item 7). */
    @Test
    void eachRuleThatFiredSaysWhoseCheckItIsAndWhatTheRealDriverDoes() {
        Path dir = failingSelfFlushHang();
        Cli.Result r = Cli.run("check", dir.toString(), "--no-budgets");
        assertThat(r.out()).contains("note: DeleteWaitsOnItself (wdfrr's own report, not the framework's). Real driver: "
                + "the driver hangs");
        Cli.Result j = Cli.run("check", dir.toString(), "--no-budgets", "--json");
        assertThat(j.out()).contains("\"rule\":\"DeleteWaitsOnItself\"", "\"origin\":\"wdfrr\"",
                "\"real_behavior\":\"the driver hangs");
        Cli.Result budgets = Cli.run("check", "../traces/nic", "--isr-budget", "100ns", "--json");
        assertThat(budgets.out()).contains("\"origin\":\"guidance\"", "DPC watchdog");
    }

    @Test
    void exportWritesPerfettoJsonAndCsvAndNeverOverwritesWithoutForce() throws Exception {
        Path json = tmp.resolve("nic.json");
        Cli.Result r = Cli.run("export", "../traces/nic", "--format", "perfetto", "-o", json.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(json)).startsWith("{").contains("\"traceEvents\"", "\"ph\":\"X\"", "\"thread_name\"");
        assertThat(Cli.run("export", "../traces/nic", "--format", "perfetto", "-o", json.toString()).err())
                .startsWith("wdfrr export: " + json + " already exists; pass --force");
        Path csv = tmp.resolve("nic.csv");
        Cli.Result c = Cli.run("export", "../traces/nic", "--format", "csv", "-o", csv.toString());
        assertThat(c.exit()).isZero();
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("seq,time_ns,type,thread,cpu,irql,object,object_name,related,arg,details");
        assertThat(tmp.resolve("nic-spans.csv")).exists();
        Cli.Result bad = Cli.run("export", "../traces/nic", "--format", "xml", "-o", tmp.resolve("x").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("wdfrr export: --format: unknown format 'xml' (expected perfetto or csv)");
    }
}
