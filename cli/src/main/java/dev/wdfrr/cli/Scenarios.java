package dev.wdfrr.cli;

import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;

/** Finds built-in scenarios by id for the command line. */
final class Scenarios {
    private Scenarios() {
    }

    static Scenario builtIn(String id) {
        return BuiltInScenarios.create(id).orElseThrow(() -> new UserError("unknown scenario '" + id
                + "' (built-in: " + String.join(", ", BuiltInScenarios.ids()) + "; see 'wdfrr scenarios')"));
    }
}
