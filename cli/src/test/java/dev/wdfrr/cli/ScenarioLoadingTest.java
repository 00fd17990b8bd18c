package dev.wdfrr.cli;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * record, explore and replay on a user's own classes, compiled afresh into a directory that is
 * on no classpath but the one given with --classpath; and the names a crafted trace may give
 * that must be refused in one line without running any of their code (issue 16, item 3).
 */
@Timeout(300)
class ScenarioLoadingTest {
    /** Where the user's classes are compiled, once for the class: compiling is the slow part. */
    @TempDir
    static Path shared;
    static Path classes;
    static Path marks;
    @TempDir
    Path tmp;

    private static final String IMPORTS = """
            import dev.wdfrr.runtime.*;
            import dev.wdfrr.runtime.wdf.*;
            import dev.wdfrr.runtime.hw.*;
            """;

    @BeforeAll
    static void compileTheUsersClasses() throws Exception {
        marks = Files.createDirectories(shared.resolve("marks"));
        String touch = "static void touch(String what) { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                + marks.toString().replace("\\", "\\\\") + "\", what), what); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } }";
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.example.UserScenario", "package com.example;\n" + IMPORTS + """
                public class UserScenario implements Scenario {
                    public String id() { return "user"; }
                    public String description() { return "a user's scenario"; }
                    public void run(WdfRuntime rt, Parameters p) {
                        WdfDevice d = rt.createDevice(DeviceConfig.named("user0"));
                        WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(1_000)), ObjectAttributes.parent(d));
                        w.enqueue();
                        w.flush();
                        rt.removeDevice(d);
                    }
                    public String checkInvariant() { return null; }
                }
                """);
        sources.put("com.example.AssertingScenario", "package com.example;\n" + IMPORTS + """
                public class AssertingScenario implements Scenario {
                    public String id() { return "asserting"; }
                    public String description() { return "asserts in driver code"; }
                    public void run(WdfRuntime rt, Parameters p) {
                        rt.work(1_000);
                        assert rt.clock() == 0 : "a Java assert in driver code";
                    }
                    public String checkInvariant() { return null; }
                }
                """);
        sources.put("com.example.HiddenScenario", "package com.example;\n" + IMPORTS + """
                class HiddenScenario implements Scenario {
                    static { Harm.touch("hidden-static"); }
                    public String id() { return "hidden"; }
                    public String description() { return ""; }
                    public void run(WdfRuntime rt, Parameters p) { Harm.touch("hidden-run"); }
                    public String checkInvariant() { return null; }
                }
                """);
        sources.put("com.example.Harm", "package com.example;\n" + """
                public class Harm {
                    static { touch("harm-static"); }
                    public Harm() { touch("harm-constructor"); }
                    private Harm(int x) { touch("harm-private"); }
                    public void boom() { touch("harm-boom"); }
                """ + touch + "\n}\n");
        sources.put("com.example.RacyTest", "package com.example;\n" + IMPORTS + """
                import dev.wdfrr.junit.WdfTest;
                import static org.junit.jupiter.api.Assertions.assertEquals;

                class RacyTest {
                    @WdfTest(iterations = 300, strategy = WdfTest.Strategy.PCT, seed = 4, workers = 1, arrivals = 2)
                    void lostUpdate(WdfRuntime rt, VirtualDevice hw) {
                        for (int t = 0; t < 2; t++) {
                            rt.startThread("adder-" + t, () -> hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1));
                        }
                        rt.awaitQuiescent();
                        assertEquals(2, hw.read(VirtualDevice.STATUS), "both additions");
                    }

                    public void notATest() { Harm.touch("not-a-test"); }

                    @WdfTest
                    static void staticOne() { }
                }
                """);
        classes = Javac.compile(shared.resolve("classes"), sources);
    }

    /** What a test's runtime classpath is: its classes and every library, wdfrr's own included. */
    private static String testClasspath() {
        return Javac.classpath(classes, Javac.testClasspath());
    }

    @Test
    void recordAndReplayAUsersScenarioFromTheGivenClasspathOnly() {
        Path trace = tmp.resolve("user");
        Cli.Result rec = Cli.run("record", "com.example.UserScenario", "--classpath", classes.toString(), "-o", trace.toString());
        assertThat(rec.exit()).as(rec.err()).isZero();
        assertThat(rec.out()).contains("recorded user (deterministic, seed 1)", "outcome: passed");
        try (TraceReader r = TraceReader.open(trace)) {
            assertThat(r.header().scenarioClass()).isEqualTo("com.example.UserScenario");
        }
        assertThat(Cli.run("replay", trace.toString()).err()).contains("not built in: pass --classpath");
        Cli.Result replay = Cli.run("replay", trace.toString(), "--classpath", classes.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("scenario com.example.UserScenario from --classpath", "events: identical");
        assertThat(Cli.run("record", "com.example.UserScenario", "-o", tmp.resolve("x").toString()).err())
                .contains("unknown scenario 'com.example.UserScenario'", "needs --classpath");
    }

    @Test
    void assertionsAreOnByDefaultRecordedInTheTraceAndOnAgainInTheReplay() {
        Path on = tmp.resolve("asserts-on");
        Cli.Result rec = Cli.run("record", "com.example.AssertingScenario", "--classpath", classes.toString(), "-o", on.toString());
        assertThat(rec.exit()).as(rec.out() + rec.err()).isEqualTo(1);
        assertThat(rec.out()).contains("AssertionError", "a Java assert in driver code");
        try (TraceReader r = TraceReader.open(on)) {
            assertThat(r.header().assertions()).isTrue();
        }
        Cli.Result replay = Cli.run("replay", on.toString(), "--classpath", classes.toString());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("assertions enabled as recorded", "outcome reproduced: exception", "a Java assert in driver code");

        Path off = tmp.resolve("asserts-off");
        Cli.Result da = Cli.run("record", "com.example.AssertingScenario", "--classpath", classes.toString(), "-da", "-o", off.toString());
        assertThat(da.exit()).as(da.out() + da.err()).isZero();
        Cli.Result replayOff = Cli.run("replay", off.toString(), "--classpath", classes.toString());
        assertThat(replayOff.exit()).as(replayOff.out()).isZero();
        assertThat(replayOff.out()).contains("outcome reproduced: passed");
    }

    @Test
    void exploreAndShrinkATestMethodWithItsOwnSettingsThenReplayIt() {
        Path out = tmp.resolve("racy");
        Cli.Result r = Cli.run("explore", "com.example.RacyTest#lostUpdate", "--classpath", testClasspath(), "-o", out.toString(),
                "--shrink");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("schedule [\\d,]+ failed \\(pct\\(depth=3, seed=\\d+\\)\\)")
                .contains("expected: <2> but was: <1>", "reproduce: wdfrr replay " + out + " --classpath ", "shrunk trace: ");
        try (TraceReader t = TraceReader.open(out)) {
            assertThat(t.header().scenarioClass()).isEqualTo("com.example.RacyTest#lostUpdate");
            assertThat(t.header().workers()).isEqualTo(1); // the @WdfTest's, not the command's default
            assertThat(t.header().parameters()).containsEntry("arrivals", "2");
        }
        Cli.Result replay = Cli.run("replay", out.toString(), "--classpath", testClasspath());
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("outcome reproduced: exception", "expected: <2> but was: <1>");
        Cli.Result shrunk = Cli.run("replay", out + "-shrunk", "--classpath", testClasspath());
        assertThat(shrunk.exit()).as(shrunk.out()).isZero();
    }

    @Test
    void aMissingLibraryIsAClasspathProblemNamingTheClassNotADivergence() {
        Path out = tmp.resolve("racy");
        assertThat(Cli.run("explore", "com.example.RacyTest#lostUpdate", "--classpath", testClasspath(), "-o", out.toString())
                .exit()).isEqualTo(1);
        String withoutJUnit = Javac.classpath(classes, Javac.locationOf(WdfTest.class),
                Javac.locationOf(org.junit.platform.commons.util.StringUtils.class));
        Cli.Result replay = Cli.run("replay", out.toString(), "--classpath", withoutJUnit);
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains("needs class org.junit.jupiter.api.Assertions, which is not on --classpath", "replay.args")
                .doesNotContain("DIVERGED");
    }

    /**
     * A regression replay from the command line: the saved failing schedule of the racy test
     * fails again on the same code, and passes once the test's class is fixed (compiled afresh
     * with a lock around the update), exploring on from where the recording stopped matching.
     */
    @Test
    void replayThenFollowsASavedFailureAndPassesOnceTheCodeIsFixed() {
        Path out = tmp.resolve("racy");
        assertThat(Cli.run("explore", "com.example.RacyTest#lostUpdate", "--classpath", testClasspath(), "-o", out.toString())
                .exit()).isEqualTo(1);
        Cli.Result again = Cli.run("replay", out.toString(), "--classpath", testClasspath(), "--then", "pct", "--iterations", "50");
        assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(1);
        assertThat(again.out()).contains("the code still follows the whole recording", "failed (follow the recording, then pct",
                ", as recorded: exception");

        Path fixed = Javac.compile(tmp.resolve("fixed"), Map.of("com.example.RacyTest", "package com.example;\n" + IMPORTS + """
                import dev.wdfrr.junit.WdfTest;
                import static org.junit.jupiter.api.Assertions.assertEquals;

                class RacyTest {
                    @WdfTest(iterations = 300, strategy = WdfTest.Strategy.PCT, seed = 4, workers = 1, arrivals = 2)
                    void lostUpdate(WdfRuntime rt, VirtualDevice hw) {
                        WaitLock lock = rt.createWaitLock(null, "count-lock");
                        for (int t = 0; t < 2; t++) {
                            rt.startThread("adder-" + t, () -> {
                                lock.acquire();
                                hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1);
                                lock.release();
                            });
                        }
                        rt.awaitQuiescent();
                        assertEquals(2, hw.read(VirtualDevice.STATUS), "both additions");
                    }
                }
                """));
        Cli.Result pass = Cli.run("replay", out.toString(), "--classpath", Javac.classpath(fixed, Javac.testClasspath()),
                "--then", "pct", "--iterations", "50");
        assertThat(pass.exit()).as(pass.out() + pass.err()).isZero();
        assertThat(pass.out()).containsPattern("the recording matched \\d+ of \\d+ events \\([\\d.]+%\\); it first diverged at event #\\d+: ")
                .contains("no failure in 50 schedules");
        assertThat(Cli.run("replay", out.toString(), "--classpath", testClasspath(), "--then", "bfs").err())
                .contains("--then: unknown strategy 'bfs'");
    }

    /** Trace headers that name anything but a public Scenario or a @WdfTest method of the classpath. */
    @Test
    void aCraftedTraceNamingAnythingElseIsRefusedInOneLineAndRunsNoneOfItsCode() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("java.lang.Thread#run", "is not a class of --classpath");
        refused.put("java.lang.Thread", "is not a class of --classpath");
        refused.put("dev.wdfrr.cli.Wdfrr#run", "is not on --classpath");
        refused.put("picocli.CommandLine$HelpCommand#run", "is not on --classpath");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            assertRefused(e.getKey(), empty.toString(), e.getValue());
            assertRefused(e.getKey(), classes.toString(), e.getValue());
        }
        assertRefused("java.lang.Runtime#gc", classes.toString(), "is not a class of --classpath");
        assertRefused("com.example.Harm#boom", classes.toString(), "is not a @WdfTest method");
        assertRefused("com.example.Harm", classes.toString(), "does not implement dev.wdfrr.runtime.Scenario");
        assertRefused("com.example.HiddenScenario", classes.toString(), "must be public");
        assertRefused("com.example.RacyTest#notATest", testClasspath(), "is not a @WdfTest method");
        assertRefused("com.example.RacyTest#staticOne", testClasspath(), "is static");
        assertRefused("com.example.RacyTest#", testClasspath(), "is not of the form Class#method");
        assertRefused("[Ljava.lang.String;", classes.toString(), "is not");
        try (var s = Files.list(marks)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("code the refused names ran").isEmpty();
        }
    }

    private void assertRefused(String scenarioClass, String classpath, String reason) {
        Path dir = tmp.resolve("crafted-" + Integer.toHexString(scenarioClass.hashCode()) + "-" + classpath.length());
        if (!Files.exists(dir)) {
            try (TraceWriter w = TraceWriter.create(dir, false)) {
                w.begin(new RunInfo("t", "crafted", scenarioClass, Map.of(), EngineKind.DETERMINISTIC, 1, "s", 2, 2, 1, 0, "jvm", "os"));
            }
        }
        Cli.Result r = Cli.run("replay", dir.toString(), "--classpath", classpath);
        assertThat(r.exit()).as(scenarioClass + ": " + r.out() + r.err()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(scenarioClass).hasSize(1);
        assertThat(lines.get(0)).as(scenarioClass).startsWith("wdfrr replay: ").contains(reason);
        assertThat(r.out()).doesNotContain("replaying");
    }
}
