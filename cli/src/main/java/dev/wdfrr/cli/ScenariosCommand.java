package dev.wdfrr.cli;

import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.scenarios.BuiltInScenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Lists the built-in scenarios. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "List the built-in scenarios with one-line descriptions.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    Verbosity verbosity;

    @Option(names = {"-p", "--parameters"}, description = "Also list each scenario's parameters and defaults.")
    boolean parameters;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = BuiltInScenarios.ids().stream().mapToInt(String::length).max().orElse(8);
        for (Scenario s : BuiltInScenarios.all()) {
            out.printf("%-" + width + "s  %s%n", s.id(), s.description());
            if (parameters) {
                for (ScenarioParameter p : s.parameters()) {
                    out.printf("%-" + width + "s    --param %s=%s  %s%n", "", p.name(), p.defaultValue(), p.description());
                }
            }
        }
        out.flush();
        return 0;
    }
}
