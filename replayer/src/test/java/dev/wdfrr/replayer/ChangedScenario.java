package dev.wdfrr.replayer;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario run with some parameters overridden: "the code changed since the recording". */
class ChangedScenario implements Scenario {
    private final Scenario inner;
    private final Map<String, String> overrides;

    ChangedScenario(Scenario inner, Map<String, String> overrides) {
        this.inner = inner;
        this.overrides = overrides;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return inner.parameters();
    }

    @Override
    public void run(WdfRuntime rt, Parameters params) throws Exception {
        Map<String, String> changed = new LinkedHashMap<>(params.asMap());
        changed.putAll(overrides);
        inner.run(rt, Parameters.of(inner, changed));
    }

    @Override
    public String checkInvariant() {
        return inner.checkInvariant();
    }
}
