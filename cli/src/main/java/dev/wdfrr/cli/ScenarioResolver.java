package dev.wdfrr.cli;

import dev.wdfrr.replayer.ScenarioLoader;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceHeader;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds the scenario a trace was recorded with: a built-in (by class name, then by id), or a
 * class from an explicit {@code --classpath}, and nowhere else. Says which it used.
 */
final class ScenarioResolver implements AutoCloseable {
    private final ScenarioLoader loader;
    private String source = "";

    ScenarioResolver(String classpath) {
        try {
            this.loader = classpath == null ? null : new ScenarioLoader(classpath);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    Function<TraceHeader, Scenario> forHeaders() {
        return h -> supplier(h).get();
    }

    Supplier<Scenario> supplier(TraceHeader h) {
        Optional<Scenario> builtIn = BuiltInScenarios.createByClassName(h.scenarioClass());
        if (builtIn.isPresent()) {
            source = "built-in " + h.scenarioId() + " (" + h.scenarioClass() + ")";
            return () -> BuiltInScenarios.createByClassName(h.scenarioClass()).orElseThrow();
        }
        if (loader != null) {
            try {
                Supplier<Scenario> s = loader.load(h.scenarioClass());
                source = h.scenarioClass() + " from --classpath";
                return s;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        if (BuiltInScenarios.create(h.scenarioId()).isPresent() && h.scenarioClass().isEmpty()) {
            source = "built-in " + h.scenarioId();
            return () -> BuiltInScenarios.create(h.scenarioId()).orElseThrow();
        }
        throw new UserError("the trace was recorded with scenario class " + h.scenarioClass()
                + ", which is not built in: pass --classpath with the directory or jar that holds it");
    }

    /** Where the scenario came from, for the report. */
    String source() {
        return source;
    }

    @Override
    public void close() {
        if (loader != null) {
            try {
                loader.close();
            } catch (java.io.IOException e) {
                // closing a class loader: nothing to do about it
            }
        }
    }
}
