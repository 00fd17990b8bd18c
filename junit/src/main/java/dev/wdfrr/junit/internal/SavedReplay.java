package dev.wdfrr.junit.internal;

import dev.wdfrr.replayer.MethodScenario;
import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.tracer.TraceException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;

/** {@code @WdfTest(replay = …)}: one run along a saved schedule. */
final class SavedReplay {
    private SavedReplay() {
    }

    static void run(Settings s, Object instance) {
        MethodScenario scenario = new MethodScenario(s.method().getDeclaringClass(), s.method(), () -> instance);
        ReplayResult r;
        try {
            r = Replayer.replay(s.replay(), h -> scenario, Replayer.Options.defaults());
        } catch (TraceException e) {
            throw new ExtensionConfigurationException("cannot replay " + s.replay() + ": " + e.getMessage(), e);
        }
        if (!r.reproduced()) {
            throw new AssertionFailedError("replay of " + s.replay() + " diverged: the code no longer matches the recorded schedule"
                    + System.lineSeparator() + r.divergence());
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
}
