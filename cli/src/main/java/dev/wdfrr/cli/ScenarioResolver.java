package dev.wdfrr.cli;

import dev.wdfrr.replayer.ScenarioLoader;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceHeader;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a scenario: a built-in (by id, or by class name for a trace), or a user's class or
 * {@code @WdfTest} method from an explicit {@code --classpath}, and nowhere else (see
 * {@link ScenarioLoader} for what is accepted). Says which it used.
 */
final class ScenarioResolver implements AutoCloseable {
    private final ScenarioLoader loader;
    private String source = "";

    /**
     * What a command runs: fresh instances, the id to name outputs by, and for a test method its
     * {@code @WdfTest} settings (workers, cpus, seed, strategy, depth, iterations).
     */
    record Resolved(Supplier<Scenario> scenarios, String id, Map<String, String> testSettings) {
        /** The test's setting, or {@code fallback} when it has none. */
        String setting(String name, String fallback) {
            return testSettings.getOrDefault(name, fallback);
        }
    }

    ScenarioResolver(String classpath) {
        try {
            this.loader = classpath == null ? null : new ScenarioLoader(classpath);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The scenario a trace was recorded with; a loaded class gets the assertion status the recording had. */
    Supplier<Scenario> forTrace(TraceHeader h) {
        Optional<Scenario> builtIn = BuiltInScenarios.createByClassName(h.scenarioClass());
        if (builtIn.isPresent()) {
            source = "built-in " + h.scenarioId() + " (" + h.scenarioClass() + ")";
            return () -> BuiltInScenarios.createByClassName(h.scenarioClass()).orElseThrow();
        }
        if (loader != null) {
            Supplier<Scenario> s = load(h.scenarioClass(), h.assertions()).scenarios();
            source = h.scenarioClass() + " from --classpath" + (h.assertions() ? ", assertions enabled as recorded" : "");
            return s;
        }
        if (BuiltInScenarios.create(h.scenarioId()).isPresent() && h.scenarioClass().isEmpty()) {
            source = "built-in " + h.scenarioId();
            return () -> BuiltInScenarios.create(h.scenarioId()).orElseThrow();
        }
        throw new UserError("the trace was recorded with scenario class " + h.scenarioClass()
                + ", which is not built in: pass --classpath with the directory or jar that holds it");
    }

    /**
     * A scenario named on the command line: a built-in id, else (with {@code --classpath}) a class
     * name or {@code Class#method}.
     */
    Resolved byName(String name, boolean assertions) {
        if (BuiltInScenarios.create(name).isPresent()) {
            source = "built-in " + name;
            return new Resolved(() -> BuiltInScenarios.create(name).orElseThrow(), name, Map.of());
        }
        if (loader == null) {
            throw new UserError("unknown scenario '" + name + "' (built-in: " + String.join(", ", BuiltInScenarios.ids())
                    + "; a class of your own, or Class#method for a @WdfTest method, needs --classpath)");
        }
        ScenarioLoader.Loaded loaded = load(name, assertions);
        source = name + " from --classpath";
        return new Resolved(loaded.scenarios(), loaded.scenarios().get().id(), loaded.testSettings());
    }

    private ScenarioLoader.Loaded load(String name, boolean assertions) {
        try {
            return loader.assertions(assertions).load(name);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
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
