package dev.wdfrr.junit;

import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The extension, tested the way JUnit tests itself: fixture test classes run through EngineTestKit. */
@Timeout(180)
class WdfTestExtensionTest {
    static final Path TRACES = Path.of("target", "wdfrr-traces");

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    /**
     * The fixtures' trace directories start empty: the assertions list what one run leaves,
     * and a run of an earlier build (another naming scheme) must not count.
     */
    @BeforeAll
    static void forgetEarlierRuns() throws Exception {
        if (!Files.isDirectory(TRACES)) {
            return;
        }
        try (Stream<Path> fixtures = Files.list(TRACES)) {
            for (Path dir : fixtures.filter(d -> d.getFileName().toString().startsWith("WdfTestExtensionTest$")).toList()) {
                try (Stream<Path> tree = Files.walk(dir)) {
                    for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static List<Path> traces(String fixture) throws Exception {
        Path dir = TRACES.resolve("WdfTestExtensionTest$" + fixture);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    // ---------------------------------------------------------------- fixtures

    static class PassingCase {
        @WdfTest(iterations = 5, seed = 3)
        void drains(WdfRuntime rt, WdfDevice device) {
            int[] runs = {0};
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> runs[0]++), ObjectAttributes.parent(device));
            w.enqueue();
            w.flush();
            assertThat(runs[0]).isEqualTo(1);
        }
    }

    /** Two threads add one to a device register without a lock: some schedules lose an update. */
    static void twoUnlockedAdders(WdfRuntime rt, VirtualDevice hw) {
        for (int t = 0; t < 2; t++) {
            rt.startThread("adder-" + t, () -> hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1));
        }
        rt.awaitQuiescent();
        assertThat(hw.read(VirtualDevice.STATUS)).as("both additions").isEqualTo(2);
    }

    static class RacyCase {
        @WdfTest(iterations = 200, seed = 5)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoUnlockedAdders(rt, hw);
        }
    }

    /** A call on a freed handle: the verifier's violation, then the bug check that ends the run. */
    static class FreedHandleCase {
        @WdfTest(iterations = 1, seed = 1)
        void startsADeletedTimer(WdfRuntime rt, WdfDevice device) {
            dev.wdfrr.runtime.wdf.WdfTimer t = rt.createTimer(dev.wdfrr.runtime.wdf.TimerConfig.oneShot(x -> { }),
                    ObjectAttributes.parent(device));
            t.delete();
            t.start(1_000_000);
        }
    }

    static class ReplayFailureCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy")
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoUnlockedAdders(rt, hw);
        }
    }

    static class MismatchedReplayCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy")
        void changed(WdfRuntime rt, VirtualDevice hw) {
            hw.write(VirtualDevice.STATUS, 7); // not what the recording did
        }
    }

    static class BadConfigurationCase {
        @WdfTest(iterations = 0)
        void noIterations(WdfRuntime rt) {
        }

        @WdfTest(replay = "target/no/such/trace")
        void missingTrace(WdfRuntime rt) {
        }

        @WdfTest(jitter = "soon")
        void badJitter(WdfRuntime rt) {
        }
    }

    static class KeptCase {
        @WdfTest(keep = WdfTest.Keep.ALWAYS, iterations = 2)
        void kept(WdfRuntime rt) {
            rt.mark("hello", 1);
        }
    }

    /** The racy body again, explored to the end: every failure counted, the first of each kind kept. */
    static class RacyKeepGoingCase {
        @WdfTest(iterations = 100, seed = 5, keepGoing = true)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoUnlockedAdders(rt, hw);
        }
    }

    /**
     * Two threads wake 1 ns apart and each add one to a register: at exact virtual time the first
     * finishes before the second wakes, so no schedule loses an update; a 2 ns window lets the
     * second wake in the middle of the first's read-modify-write.
     */
    static class NearlySimultaneous {
        static void body(WdfRuntime rt, VirtualDevice hw) {
            for (int t = 0; t < 2; t++) {
                long delay = 1_000 + t;
                rt.startThread("adder-" + t, () -> {
                    rt.work(delay);
                    hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1);
                });
            }
            rt.awaitQuiescent();
            assertThat(hw.read(VirtualDevice.STATUS)).as("both additions").isEqualTo(2);
        }
    }

    static class ExactTimeCase {
        @WdfTest(iterations = 200, seed = 2)
        void exact(WdfRuntime rt, VirtualDevice hw) {
            NearlySimultaneous.body(rt, hw);
        }
    }

    static class JitterCase {
        @WdfTest(iterations = 200, seed = 2, jitter = "2ns")
        void jittered(WdfRuntime rt, VirtualDevice hw) {
            NearlySimultaneous.body(rt, hw);
        }
    }

    static class PosCase {
        @WdfTest(iterations = 200, seed = 5, strategy = WdfTest.Strategy.POS_DEP)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoUnlockedAdders(rt, hw);
        }
    }

    /** A bare @WdfTest: the default exploration. */
    static class BareCase {
        @WdfTest
        void plain(WdfRuntime rt) {
            rt.mark("hello", 1);
        }
    }

    /** The racy body with the fix: the adders take a lock. */
    static void twoLockedAdders(WdfRuntime rt, VirtualDevice hw) {
        dev.wdfrr.runtime.wdf.WaitLock lock = rt.createWaitLock(null, "adders");
        for (int t = 0; t < 2; t++) {
            rt.startThread("adder-" + t, () -> {
                lock.acquire();
                hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1);
                lock.release();
            });
        }
        rt.awaitQuiescent();
        assertThat(hw.read(VirtualDevice.STATUS)).as("both additions").isEqualTo(2);
    }

    /** RacyCase's saved failure kept as a regression test, once the code is fixed. */
    static class FixedGuideCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy", guide = true, iterations = 50)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoLockedAdders(rt, hw);
        }
    }

    /** The same regression test on the code that still has the bug. */
    static class BuggyGuideCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy", guide = true, iterations = 50)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            twoUnlockedAdders(rt, hw);
        }
    }

    static class GuideWithoutReplayCase {
        @WdfTest(guide = true)
        void nothingToFollow(WdfRuntime rt) {
        }
    }

    /** Counts its own instances: each schedule must get a fresh one. */
    static class FreshInstanceCase {
        static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();
        private int uses;

        FreshInstanceCase() {
            MADE.incrementAndGet();
        }

        @WdfTest(iterations = 20)
        void fieldsDoNotLeakBetweenSchedules(WdfRuntime rt) {
            uses++;
            rt.mark("uses", uses);
            assertThat(uses).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- tests

    private static Throwable failureOf(Events events) {
        return events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    private static List<String> reports(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().allEvents().reportingEntryPublished()
                .stream().map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow()
                        .getKeyValuePairs().get("wdfrr")).toList();
    }

    @Test
    void aPassingTestIsOneTestWithASummaryAndLeavesNoTrace() throws Exception {
        Events events = run(PassingCase.class);
        events.assertStatistics(s -> s.started(1).succeeded(1).failed(0).skipped(0));
        assertThat(traces("PassingCase")).isEmpty();
        assertThat(reports(PassingCase.class)).singleElement().asString()
                .startsWith("5 schedules (random, seed 3): no failure; coverage: ")
                .contains("distinct interleaving", "in 5 schedules");
    }

    @Test
    void keepAlwaysKeepsThePassingTrace() throws Exception {
        run(KeptCase.class).assertStatistics(s -> s.succeeded(1));
        assertThat(traces("KeptCase")).extracting(p -> p.getFileName().toString()).containsExactly("kept-schedule-1", "kept-schedule-2");
    }

    @Test
    void aFailureEndsTheExplorationKeepsExactlyOneTraceAndSaysHowToReplayIt() throws Exception {
        Events events = run(RacyCase.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        int n = 1; // the first failing schedule of seed 5 (fixed: the result does not depend on the core count)
        Path trace = TRACES.resolve("WdfTestExtensionTest$RacyCase").resolve("racy"); // no schedule number in the path
        assertThat(traces("RacyCase")).containsExactly(trace);
        Throwable thrown = failureOf(events);
        String nl = System.lineSeparator();
        assertThat(thrown.getMessage()).startsWith(
                "RacyCase.racy failed on schedule " + n + " of 200 (seed 5, random(seed=" + (5 * 1_000_003L + n - 1) + ")): "
                        + "exception: the scenario threw org.opentest4j.AssertionFailedError: "
                        + "[both additions] " + nl + "expected: 2L" + nl + " but was: 1L"
                        + nl + "trace: " + trace + nl)
                .contains(" data races (unordered accesses to shared state):" + nl + "  data race on register 0 of 'test-hardware' (#",
                        " by adder-0 at event ", " by adder-1 at event ", "(WdfTestExtensionTest.lambda$twoUnlockedAdders$",
                        nl + "replay: wdfrr replay " + trace + " @" + trace.resolve("replay.args") + nl
                        + "or rerun this schedule in the test: @WdfTest(replay = \"" + trace.toString().replace('\\', '/') + "\")"
                        + ", and keep it as a regression test with guide = true" + nl + "coverage: ")
                .endsWith("in " + n + (n == 1 ? " schedule" : " schedules") + " (the last new one at schedule " + n + ")");
        assertThat(thrown.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("both additions");
        List<String> args = java.nio.file.Files.readAllLines(trace.resolve("replay.args")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(args).hasSize(2);
        assertThat(args.get(0)).isEqualTo("--classpath");
        assertThat(args.get(1)).startsWith("\"").endsWith("\"")
                .contains(Path.of("target", "test-classes").toAbsolutePath().toString(), "junit-jupiter-api", "assertj-core");
        try (dev.wdfrr.tracer.TraceReader r = dev.wdfrr.tracer.TraceReader.open(trace)) {
            assertThat(r.header().assertions()).as("surefire runs the tests with -ea").isTrue();
            assertThat(r.header().callSites()).isTrue();
        }
    }

    // RunResult.otherViolations: the failure that ended the run, and the verifier's violations before it
    @Test
    void aFailureAfterAVerifierViolationNamesTheViolationToo() {
        Throwable thrown = failureOf(run(FreedHandleCase.class));
        assertThat(thrown.getMessage()).contains("FreedHandleCase.startsADeletedTimer failed on schedule 1 of 1",
                "exception: the scenario threw dev.wdfrr.runtime.BugCheckException: WdfTimerStart on the freed handle",
                System.lineSeparator() + "also: 1 verifier violation: UseAfterDelete: WdfTimerStart on the freed handle");
    }

    @Test
    void aBareWdfTestExploresTheDefaultNumberOfSchedules() {
        run(BareCase.class).assertStatistics(s -> s.succeeded(1));
        assertThat(reports(BareCase.class)).singleElement().asString()
                .startsWith(WdfTest.DEFAULT_ITERATIONS + " schedules (random, seed 1): no failure");
    }

    @Test
    void configurationParametersOverrideEveryWdfTest() {
        List<String> entries = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PassingCase.class))
                .configurationParameter("wdfrr.iterations", "3").configurationParameter("wdfrr.seed", "9")
                .configurationParameter("wdfrr.strategy", "pos").configurationParameter("wdfrr.depth", "2")
                .execute().allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow().getKeyValuePairs().get("wdfrr"))
                .toList();
        assertThat(entries).singleElement().asString().startsWith("3 schedules (pos, seed 9): no failure");
        Events bad = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PassingCase.class))
                .configurationParameter("wdfrr.iterations", "many").execute().testEvents();
        assertThat(failureOf(bad)).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("wdfrr.iterations must be a whole number, got 'many'");
    }

    @Test
    void aSavedFailureKeptAsARegressionTestPassesOnceFixedAndFailsWhileTheBugIsThere() {
        run(RacyCase.class);
        Events fixed = run(FixedGuideCase.class);
        fixed.assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(reports(FixedGuideCase.class)).singleElement().asString().startsWith("the recording matched ")
                .contains("; from event #", " on, random explored 50 schedules");
        Events buggy = run(BuggyGuideCase.class);
        buggy.assertStatistics(s -> s.failed(1));
        assertThat(failureOf(buggy).getMessage()).startsWith("BuggyGuideCase.racy: guided along target/wdfrr-traces/")
                .contains("failed (follow the recording, then random", ", as recorded: exception: ", "both additions",
                        "the code still follows the whole recording", "data race on register 0 of 'test-hardware'");
        assertThat(failureOf(run(GuideWithoutReplayCase.class))).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("guide = true needs replay");
    }

    @Test
    void keepGoingRunsEveryScheduleGroupsTheFailuresAndKeepsTheFirstOfEach() throws Exception {
        Events events = run(RacyKeepGoingCase.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        Path trace = TRACES.resolve("WdfTestExtensionTest$RacyKeepGoingCase").resolve("racy");
        assertThat(traces("RacyKeepGoingCase")).containsExactly(trace);
        String message = failureOf(events).getMessage();
        assertThat(message).startsWith("RacyKeepGoingCase.racy failed on ").contains(" of 100 schedules (seed 5, random), 1 kind of failure:")
                .contains("exception: the scenario threw org.opentest4j.AssertionFailedError: [both additions] expected: NL but was: NL @ test-hardware",
                        trace.toString(), "trace: " + trace, "coverage: ")
                .contains("in 100 schedules");
        assertThat(reports(RacyKeepGoingCase.class)).singleElement().asString().contains("100 schedules (random, seed 5): ")
                .contains("failed (1 kind)");
    }

    @Test
    void eachScheduleRunsOnAFreshInstanceOfTheTestClass() {
        FreshInstanceCase.MADE.set(0);
        run(FreshInstanceCase.class).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(FreshInstanceCase.MADE.get()).isGreaterThanOrEqualTo(21); // JUnit's own, then one per schedule
    }

    @Test
    void aTimeWindowFindsARaceThatExactVirtualTimeHides() {
        run(ExactTimeCase.class).assertStatistics(s -> s.succeeded(1).failed(0));
        Events jittered = run(JitterCase.class);
        jittered.assertStatistics(s -> s.failed(1));
        assertThat(failureOf(jittered).getMessage()).contains("but was: 1L");
    }

    @Test
    void dependencyAwarePosFindsTheRace() {
        Events events = run(PosCase.class);
        events.assertStatistics(s -> s.failed(1));
        assertThat(failureOf(events).getMessage()).contains("pos-dep(seed=");
    }

    @Test
    void replayReproducesTheSavedFailure() {
        run(RacyCase.class);
        Events events = run(ReplayFailureCase.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        assertThat(failureOf(events).getMessage()).startsWith("replayed target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy: "
                + "the recorded failure reproduced: exception: the scenario threw").contains("expected: 2");
    }

    @Test
    void aMismatchedReplayFailsWithTheDivergence() {
        run(RacyCase.class);
        Events events = run(MismatchedReplayCase.class);
        events.assertStatistics(s -> s.failed(1));
        assertThat(failureOf(events).getMessage()).startsWith("replay of target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy diverged: "
                + "the code no longer matches the recorded schedule").contains("event #", "expected");
    }

    @Test
    void configurationErrorsAreReportedAsConfigurationErrors() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BadConfigurationCase.class)).execute().testEvents();
        List<Throwable> errors = events.failed().stream().map(Event::getPayload)
                .map(p -> p.orElseThrow()).map(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable().orElseThrow())
                .toList();
        assertThat(errors).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(ExtensionConfigurationException.class));
        assertThat(errors).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m).contains("iterations must be at least 1, got 0"))
                .anySatisfy(m -> assertThat(m).contains("replay trace target/no/such/trace does not exist"))
                .anySatisfy(m -> assertThat(m).contains("jitter: malformed duration 'soon'"));
    }

    @Test
    void worksUnderParallelExecution() throws Exception {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(PassingCase.class), selectClass(KeptCase.class), selectClass(RacyCase.class))
                .execute().testEvents();
        events.assertStatistics(s -> s.succeeded(2).failed(1));
    }
}
