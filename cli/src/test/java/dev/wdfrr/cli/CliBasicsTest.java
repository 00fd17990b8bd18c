package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class CliBasicsTest {
    @Test
    void scenariosListsEveryBuiltInWithADescription() {
        Cli.Result r = Cli.run("scenarios");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(14);
        assertThat(r.out()).contains("nic ", "dma ", "sensor ", "usb-reset ", "lost-update ", "stale-handle ", "self-flush-hang ", "teardown ",
                "echo ", "toaster ", "thermal ", "cancel-race ", "watchdog-after-d0exit ", "stop-inflight ");
        assertThat(r.out()).contains("the echo sample (general/echo/kmdf AutoSync)", "(general/toaster/toastDrv/kmdf/func/featured)",
                "(thermal/simsensor)", "BUGGY: the echo sample as shipped", "BUGGY: the pcidrv watchdog");
    }

    @Test
    void scenariosWithParametersShowsDefaults() {
        Cli.Result r = Cli.run("scenarios", "-p");
        assertThat(r.out()).contains("--param rate=20000");
    }

    @TempDir
    Path tmp;

    @Test
    void demoRecordsTheNicLiveAndPrintsItsStatistics() {
        Path out = tmp.resolve("demo");
        Cli.Result r = Cli.run("demo", "--duration", "100ms", "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("callback_start", "isr_start", "enqueue -> callback start", "invariant held");
        Cli.Result again = Cli.run("demo", "--duration", "50ms", "-o", out.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("replacing the previous demo trace");
    }

    @Test
    void demoRefusesToReplaceSomethingThatIsNotItsTrace() throws Exception {
        Path out = java.nio.file.Files.createDirectories(tmp.resolve("precious"));
        java.nio.file.Files.writeString(out.resolve("notes.txt"), "keep me");
        Cli.Result r = Cli.run("demo", "--duration", "50ms", "-o", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not the demo's trace");
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        Cli.Result r = Cli.run("demo", "--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("wdfrr: Unknown option: '--bogus'").doesNotContain("Exception");
    }

    @Test
    void aMalformedDurationIsOneLineAndExitTwo() {
        Cli.Result r = Cli.run("demo", "--duration", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("wdfrr demo: --duration: malformed duration 'soon' (expected e.g. 500ns, 20us, 5ms, 2s)");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Cli.Result r = Cli.run("demo", "--duration", "soon", "--verbose");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("ConfigurationException", "\tat ");
    }

    @Test
    void versionPrintsTheVersion() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("wdfrr ").contains(", commit ");
    }
}
