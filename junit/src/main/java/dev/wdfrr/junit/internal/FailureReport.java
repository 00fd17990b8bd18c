package dev.wdfrr.junit.internal;

import dev.wdfrr.replayer.Explorer;
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
        long schedules = settings.annotation().keepGoing() || result.failure() == null ? settings.annotation().iterations()
                : result.failure().schedule() + 1;
        return String.format(Locale.ROOT, "%,d schedule%s (%s, seed %d): %s; coverage: %s", schedules,
                schedules == 1 ? "" : "s", strategyName(), settings.annotation().seed(), verdict,
                result.coverage().describe());
    }

    /** The test's failure: what failed, the traces kept, the commands that replay the first one. */
    AssertionFailedError failure(List<Path> traces) {
        Explorer.Found first = result.failure();
        String head;
        if (settings.annotation().keepGoing()) {
            head = settings.testName() + " failed on " + String.format(Locale.ROOT, "%,d of %,d", result.failures(),
                    settings.annotation().iterations()) + " schedules (seed " + settings.annotation().seed() + ", "
                    + strategyName() + "), " + result.groups().size() + " kind" + (result.groups().size() == 1 ? "" : "s")
                    + " of failure:" + NL + table(traces);
        } else {
            head = settings.testName() + " failed on schedule " + (first.schedule() + 1) + " of "
                    + settings.annotation().iterations() + " (seed " + settings.annotation().seed() + ", "
                    + (settings.annotation().engine() == EngineKind.LIVE ? "live engine" : first.strategy()) + "): "
                    + first.result().summary();
        }
        Path dir = traces.get(0);
        String message = head + NL
                + "trace: " + dir + NL
                + "replay: wdfrr replay " + dir + " --classpath " + classpathOf(settings.method().getDeclaringClass()) + NL
                + "or rerun this schedule in the test: @WdfTest(replay = \"" + dir.toString().replace('\\', '/') + "\")" + NL
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

    /** Where the test's classes and wdfrr's own come from: what --classpath needs for a test using only them. */
    private static String classpathOf(Class<?> testClass) {
        String here = location(testClass);
        String main = here.endsWith("test-classes") ? here.substring(0, here.length() - "test-classes".length()) + "classes" : null;
        return main != null && Files.isDirectory(Path.of(main)) ? here + File.pathSeparator + main : here;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return "<test classes>";
        }
    }
}
