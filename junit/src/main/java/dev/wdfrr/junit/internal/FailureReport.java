package dev.wdfrr.junit.internal;

import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.tracer.RaceReport;
import dev.wdfrr.replayer.FailureGroup;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunResult;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The words a {@code @WdfTest} reports: its one-line summary, and the failure with its traces and how to replay them. */
final class FailureReport {
    private static final String NL = System.lineSeparator();

    private final Settings settings;
    private final Explorer.Result result;

    FailureReport(Settings settings, Explorer.Result result) {
        this.settings = settings;
        this.result = result;
    }

    /** "200 schedules (random, seed 5): no failure; coverage: 3 distinct interleavings …". */
    String summary() {
        long failures = result.failures();
        String verdict = failures == 0 ? "no failure"
                : settings.annotation().keepGoing()
                ? String.format(Locale.ROOT, "%,d failed (%d kind%s)", failures, result.groups().size(),
                result.groups().size() == 1 ? "" : "s")
                : "failed on schedule " + (result.failure().schedule() + 1);
        long schedules = settings.annotation().keepGoing() || result.failure() == null ? settings.iterations()
                : result.failure().schedule() + 1;
        return String.format(Locale.ROOT, "%,d schedule%s (%s, seed %d): %s; coverage: %s", schedules,
                schedules == 1 ? "" : "s", strategyName(), settings.seed(), verdict,
                result.coverage().describe());
    }

    /** The test's failure: what failed, the traces kept, the commands that replay the first one. */
    AssertionFailedError failure(List<Path> traces) {
        Explorer.Found first = result.failure();
        String head;
        if (settings.annotation().keepGoing()) {
            head = settings.testName() + " failed on " + String.format(Locale.ROOT, "%,d of %,d", result.failures(),
                    settings.iterations()) + " schedules (seed " + settings.seed() + ", "
                    + strategyName() + "), " + result.groups().size() + " kind" + (result.groups().size() == 1 ? "" : "s")
                    + " of failure:" + NL + table(traces);
        } else {
            head = settings.testName() + " failed on schedule " + (first.schedule() + 1) + " of "
                    + settings.iterations() + " (seed " + settings.seed() + ", "
                    + (settings.annotation().engine() == EngineKind.LIVE ? "live engine" : first.strategy()) + "): "
                    + first.result().summary()
                    + (first.result().otherViolations().isEmpty() ? "" : NL + first.result().otherViolations());
        }
        Path dir = traces.get(0);
        RaceReport.Result races = RaceReport.of(first.events());
        String message = head + NL
                + "trace: " + dir + NL
                + (races.clean() ? "" : races.summary(5) + NL)
                + "replay: wdfrr replay " + dir + " @" + ReplayArgs.of(dir) + NL
                + "or rerun this schedule in the test: @WdfTest(replay = \"" + dir.toString().replace('\\', '/') + "\")"
                + ", and keep it as a regression test with guide = true" + NL
                + "coverage: " + result.coverage().describe();
        AssertionFailedError e = new AssertionFailedError(message);
        RunResult r = first.result();
        if (r.cause() != null) {
            e.initCause(r.cause()); // the original exception stays the cause
        }
        return e;
    }

    private String table(List<Path> traces) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%8s  %8s  %s%n", "count", "first", "signature / trace"));
        List<FailureGroup> groups = result.groups();
        for (int i = 0; i < groups.size(); i++) {
            FailureGroup g = groups.get(i);
            sb.append(String.format(Locale.ROOT, "%,8d  %8d  %s%n%20s%s%n", g.count(), g.first().schedule() + 1, g.signature(),
                    "", traces.get(i)));
        }
        return sb.toString().stripTrailing();
    }

    private String strategyName() {
        return settings.annotation().engine() == EngineKind.LIVE ? "live engine" : settings.strategy().toString();
    }
}
