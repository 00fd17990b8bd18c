package dev.wdfrr.cli;

import picocli.CommandLine.Option;

/** Where {@code record} and {@code explore} find a scenario of the user's own, and how its code runs. */
final class ClasspathOptions {
    @Option(names = "--classpath", paramLabel = "CP",
            description = {"Where to load a scenario of your own (directories and jars): SCENARIO is then a class that "
                    + "implements Scenario, or Class#method for a @WdfTest method. Nothing else is ever loaded."})
    String classpath;

    @Option(names = {"-da", "--disable-assertions"},
            description = "Run the scenario's code with Java assertions off (default: on, as surefire runs tests).")
    boolean disableAssertions;

    /** The resolver for these options; close it after the run. */
    ScenarioResolver resolver() {
        return new ScenarioResolver(classpath);
    }
}
