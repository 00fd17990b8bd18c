package dev.wdfrr.replayer;

import dev.wdfrr.runtime.event.EventSink;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.tracer.TraceWriter;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

final class Fixtures {
    private Fixtures() {
    }

    static final Function<TraceHeader, Scenario> BUILT_IN = h -> BuiltInScenarios.createByClassName(h.scenarioClass())
            .orElseThrow(() -> new IllegalArgumentException("not built in: " + h.scenarioClass()));

    static RunResult record(String scenario, Path dir, RunConfig.Builder config) {
        return record(scenario, dir, config, Map.of());
    }

    /** Runs a built-in scenario with its defaults into whatever sink {@code config} names. */
    static RunResult run(String scenario, RunConfig.Builder config) {
        Scenario s = BuiltInScenarios.create(scenario).orElseThrow();
        return WdfRunner.run(s, Parameters.of(s, Map.of()), config.build());
    }

    static RunResult record(String scenario, Path dir, RunConfig.Builder config, Map<String, String> params) {
        Scenario s = BuiltInScenarios.create(scenario).orElseThrow();
        EventSink sink = TraceWriter.create(dir, true);
        return WdfRunner.run(s, Parameters.of(s, params), config.sink(sink).build());
    }
}
