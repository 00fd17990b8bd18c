package dev.wdfrr.junit.internal;

import dev.wdfrr.replayer.GuidedReplay;
import dev.wdfrr.replayer.MethodScenario;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.tracer.RaceReport;
import dev.wdfrr.tracer.TraceException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * {@code @WdfTest(replay = …)}: one run along a saved schedule; with {@code guide = true} a
 * regression replay that follows the saved schedule while the code matches it and explores on
 * from the first divergence ({@link GuidedReplay}).
 */
final class SavedReplay {
    private static final String NL = System.lineSeparator();

    private SavedReplay() {
    }

    static void run(Settings s, Object instance, ExtensionContext context) {
        MethodScenario scenario = new MethodScenario(s.method().getDeclaringClass(), s.method(), () -> instance);
        if (s.guide()) {
            guide(s, scenario, context);
            return;
        }
        ReplayResult r;
        try {
            r = Replayer.replay(s.replay(), h -> scenario, Replayer.Options.defaults());
        } catch (TraceException e) {
            throw new ExtensionConfigurationException("cannot replay " + s.replay() + ": " + e.getMessage(), e);
        }
        if (!r.reproduced()) {
            throw new AssertionFailedError("replay of " + s.replay() + " diverged: the code no longer matches the recorded schedule"
                    + " (guide = true keeps it as a regression test)" + NL + r.divergence());
        }
        if (!r.run().passed()) {
            AssertionFailedError e = new AssertionFailedError("replayed " + s.replay() + ": the recorded failure reproduced: "
                    + r.run().summary());
            if (r.run().cause() != null) {
                e.initCause(r.run().cause());
            }
            throw e;
        }
    }

    private static void guide(Settings s, MethodScenario scenario, ExtensionContext context) {
        GuidedReplay.Result r;
        try {
            r = GuidedReplay.run(s.replay(), h -> scenario,
                    new GuidedReplay.Options(s.strategy(), s.depth(), s.iterations(), s.seed(), ProgressListener.NONE));
        } catch (TraceException | IllegalArgumentException e) {
            throw new ExtensionConfigurationException("cannot guide along " + s.replay() + ": " + e.getMessage(), e);
        }
        String matched = r.matchSummary() + (r.followedToTheEnd() ? ": the code still follows the whole recording"
                : "; from event #" + r.matched() + " on, " + s.strategy() + " explored " + r.schedules() + " schedule"
                + (r.schedules() == 1 ? "" : "s"));
        context.publishReportEntry("wdfrr", matched);
        System.out.println("[wdfrr] " + s.testName() + ": " + matched);
        if (r.failure() == null) {
            return;
        }
        GuidedReplay.Failure f = r.failure();
        RaceReport.Result races = RaceReport.of(f.events());
        AssertionFailedError e = new AssertionFailedError(s.testName() + ": guided along " + s.replay() + ", schedule "
                + (f.schedule() + 1) + " failed (" + f.strategy() + ")" + (r.followedToTheEnd() ? ", as recorded" : "") + ": "
                + f.result().summary() + NL + matched + (races.clean() ? "" : NL + races.summary(5)));
        if (f.result().cause() != null) {
            e.initCause(f.result().cause());
        }
        throw e;
    }
}
