package dev.wdfrr.junit;

import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
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
    static class RacyCase {
        @WdfTest(iterations = 200, seed = 5)
        void racy(WdfRuntime rt, VirtualDevice hw) {
            for (int t = 0; t < 2; t++) {
                rt.startThread("adder-" + t, () -> hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1));
            }
            rt.awaitQuiescent();
            assertThat(hw.read(VirtualDevice.STATUS)).as("both additions").isEqualTo(2);
        }
    }

    static class ReplayFailureCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy-5")
        void racy(WdfRuntime rt, VirtualDevice hw) {
            for (int t = 0; t < 2; t++) {
                rt.startThread("adder-" + t, () -> hw.write(VirtualDevice.STATUS, hw.read(VirtualDevice.STATUS) + 1));
            }
            rt.awaitQuiescent();
            assertThat(hw.read(VirtualDevice.STATUS)).as("both additions").isEqualTo(2);
        }
    }

    static class MismatchedReplayCase {
        @WdfTest(replay = "target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy-5")
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
    }

    static class KeptCase {
        @WdfTest(keep = WdfTest.Keep.ALWAYS)
        void kept(WdfRuntime rt) {
            rt.mark("hello", 1);
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aPassingTestRunsEveryIterationAndLeavesNoTrace() throws Exception {
        Events events = run(PassingCase.class);
        events.assertStatistics(s -> s.started(5).succeeded(5).failed(0).skipped(0));
        assertThat(traces("PassingCase")).isEmpty();
    }

    @Test
    void keepAlwaysKeepsThePassingTrace() throws Exception {
        run(KeptCase.class).assertStatistics(s -> s.succeeded(1));
        assertThat(traces("KeptCase")).extracting(p -> p.getFileName().toString()).containsExactly("kept");
    }

    @Test
    void aFailingIterationStopsTheTestKeepsExactlyOneTraceAndSaysHowToReplayIt() throws Exception {
        Events events = run(RacyCase.class);
        long passed = events.succeeded().count();
        events.assertStatistics(s -> s.failed(1));
        assertThat(events.started().count()).isEqualTo(passed + 1); // nothing ran after the failure
        int n = (int) passed + 1;
        Path trace = TRACES.resolve("WdfTestExtensionTest$RacyCase").resolve("racy-" + n);
        assertThat(traces("RacyCase")).containsExactly(trace);
        Throwable thrown = events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        String classes = Path.of("target", "test-classes").toAbsolutePath() + java.io.File.pathSeparator
                + Path.of("target", "classes").toAbsolutePath();
        assertThat(thrown.getMessage()).isEqualTo(
                "RacyCase.racy failed on schedule " + n + " of 200 (seed 5, random(seed=" + (n == 1 ? 5 : 5 * 1_000_003L + n - 1) + ")): "
                        + "exception: the scenario threw org.opentest4j.AssertionFailedError: "
                        + "[both additions] " + System.lineSeparator() + "expected: 2L" + System.lineSeparator() + " but was: 1L"
                        + System.lineSeparator() + "trace: " + trace + System.lineSeparator()
                        + "replay: wdfrr replay " + trace + " --classpath " + classes + System.lineSeparator()
                        + "or rerun this schedule in the test: @WdfTest(replay = \"" + trace.toString().replace('\\', '/') + "\")");
        assertThat(thrown.getCause()).isInstanceOf(AssertionError.class).hasMessageContaining("both additions");
        // The fixtures below replay racy-5: make sure it is the failing one.
        assertThat(n).as("seed 5 should fail on schedule 5 for the replay fixtures").isEqualTo(5);
    }

    @Test
    void replayReproducesTheSavedFailure() {
        run(RacyCase.class);
        Events events = run(ReplayFailureCase.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        Throwable thrown = events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(thrown.getMessage()).startsWith("replayed target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy-5: "
                + "the recorded failure reproduced: exception: the scenario threw").contains("expected: 2");
    }

    @Test
    void aMismatchedReplayFailsWithTheDivergence() {
        run(RacyCase.class);
        Events events = run(MismatchedReplayCase.class);
        events.assertStatistics(s -> s.failed(1));
        Throwable thrown = events.failed().stream().findFirst().orElseThrow().getPayload(
                org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(thrown.getMessage()).startsWith("replay of target/wdfrr-traces/WdfTestExtensionTest$RacyCase/racy-5 diverged: "
                + "the code no longer matches the recorded schedule").contains("event #", "expected");
    }

    @Test
    void configurationErrorsAreReportedAsConfigurationErrors() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(BadConfigurationCase.class)).execute().containerEvents();
        List<Throwable> errors = events.failed().stream().map(Event::getPayload)
                .map(p -> p.orElseThrow()).map(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable().orElseThrow())
                .toList();
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(ExtensionConfigurationException.class));
        assertThat(errors).extracting(Throwable::getMessage).anySatisfy(m -> assertThat(m).contains("iterations must be at least 1, got 0"))
                .anySatisfy(m -> assertThat(m).contains("replay trace target/no/such/trace does not exist"));
    }

    @Test
    void worksUnderParallelExecution() throws Exception {
        Events events = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(PassingCase.class), selectClass(KeptCase.class), selectClass(RacyCase.class))
                .execute().testEvents();
        events.assertStatistics(s -> s.succeeded(5 + 1 + 4).failed(1));
    }
}
