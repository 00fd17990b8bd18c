package dev.wdfrr.cli;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that used to get past the checks: outputs that overlap inputs or resolve to nothing,
 * numbers Java parses but a user never means, parameters that make every run fail, and trace
 * text that would drive the terminal. Each is one line and exit 2, or (for text) shown escaped.
 */
@Timeout(120)
class HostileInputTest {
    @TempDir
    Path tmp;

    private Path recorded(String name) {
        Path dir = tmp.resolve(name);
        Cli.Result r = Cli.run("record", "nic", "-o", dir.toString(), "--duration", "1ms");
        assertThat(r.exit()).as(r.err()).isZero();
        return dir;
    }

    private static void oneLineExitTwo(Cli.Result r, String expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains(expected);
    }

    private static void readsComplete(Path trace) {
        Cli.Result stats = Cli.run("stats", trace.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.err()).isEmpty();
    }

    @Test
    void noCommandWritesOverItsOwnInputEvenWithForce() {
        Path t = recorded("t");
        oneLineExitTwo(Cli.run("replay", t.toString(), "-o", t.toString(), "--force"), "overlaps the trace being replayed");
        oneLineExitTwo(Cli.run("replay", t.toString(), "-o", t.resolve("inner").toString(), "--force"), "overlaps the trace being replayed");
        oneLineExitTwo(Cli.run("export", t.toString(), "--format", "csv", "-o", t.resolve("x.cq4").toString(), "--force"),
                "lies inside the trace being exported");
        oneLineExitTwo(Cli.run("export", t.toString(), "--format", "perfetto", "-o", t.resolve("x.json").toString(), "--force"),
                "lies inside the trace being exported");
        readsComplete(t);
    }

    @Test
    void anEmptyOutputPathIsRefusedAndTouchesNothing() throws Exception {
        oneLineExitTwo(Cli.run("record", "nic", "-o", "", "--force"), "the output path '' is empty or the working directory itself");
        oneLineExitTwo(Cli.run("explore", "lost-update", "-o", "", "--force"), "the output path '' is empty");
        oneLineExitTwo(Cli.run("export", recorded("e").toString(), "--format", "csv", "-o", "", "--force"), "the output path '' is empty");
        oneLineExitTwo(Cli.run("record", "nic", "-o", "/", "--force"), "is the root of the file system");
        assertThat(Files.exists(Path.of("/metadata.cq4t"))).isFalse();
    }

    @Test
    void forceReplacesOnlyWhatOpensAsAWdfrrTrace() throws Exception {
        Path notATrace = tmp.resolve("named-like-one");
        Files.createDirectories(notATrace);
        Files.writeString(notATrace.resolve("20260101F.cq4"), "precious data, not a queue");
        oneLineExitTwo(Cli.run("record", "nic", "-o", notATrace.toString(), "--force"), "does not hold a wdfrr trace");
        assertThat(Files.readString(notATrace.resolve("20260101F.cq4"))).isEqualTo("precious data, not a queue");
    }

    @Test
    void numbersWithJavaSuffixesAndParametersThatFailEveryRunAreBadInput() {
        Path out = tmp.resolve("o");
        oneLineExitTwo(Cli.run("record", "nic", "--duration", "100d", "-o", out.toString()), "malformed duration '100d'");
        oneLineExitTwo(Cli.run("record", "nic", "--duration", "1e3s", "-o", out.toString()), "malformed duration '1e3s'");
        oneLineExitTwo(Cli.run("record", "nic", "--param", "rate=-5", "-o", out.resolve("a").toString()), "rate must be positive, got -5.0");
        oneLineExitTwo(Cli.run("record", "nic", "--param", "rate=NaN", "-o", out.resolve("b").toString()), "must be a number, got 'NaN'");
        oneLineExitTwo(Cli.run("record", "nic", "--param", "rate=5d", "-o", out.resolve("c").toString()), "must be a number, got '5d'");
        oneLineExitTwo(Cli.run("record", "sensor", "--param", "period=0ns", "-o", out.resolve("d").toString()), "must be positive, got 0");
        oneLineExitTwo(Cli.run("explore", "nic", "--param", "rate=-5", "--iterations", "3", "-o", out.resolve("e").toString()),
                "rate must be positive, got -5.0");
        oneLineExitTwo(Cli.run("explore", "lost-update", "--depth", "2147483647", "-o", out.resolve("f").toString()),
                "--depth must be between 1 and " + ExploreCommand.MAX_DEPTH + ", got 2147483647");
    }

    @Test
    void controlCharactersFromATraceAreShownEscapedNeverRaw() {
        Path dir = tmp.resolve("ansi");
        TraceWriter w = TraceWriter.create(dir, false);
        w.begin(new RunInfo("0.1", "evil\u001b[2J\u0007", "x", Map.of(), EngineKind.LIVE, 1, "live\rforged line", 1, 1, 0, 0, "jvm", "os"));
        w.name(0, 0, 1, NameKind.THREAD, 1, "worker\u001b]0;owned\u0007\r\nwdfrr: fake");
        w.name(1, 0, 1, NameKind.OBJECT, 7, "item\u202ereversed");
        w.event(2, 10, EventType.DELETE.id(), 1, -1, 0, 7, 0, 0);
        w.close();
        for (String[] args : new String[][]{{"dump", dir.toString()}, {"stats", dir.toString()}, {"check", dir.toString()}}) {
            Cli.Result r = Cli.run(args);
            String all = r.out() + r.err();
            assertThat(all.chars().filter(ch -> ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x202e).count())
                    .as("raw control characters in the output of %s: %s", args[0], all).isZero();
            if (args[0].equals("dump")) {
                assertThat(r.out()).contains("evil\\x1b[2J\\x07", "live\\rforged line", "worker\\x1b]0;owned\\x07\\r\\nwdfrr: fake",
                        "item\\u202ereversed");
            }
        }
    }
}
