package dev.wdfrr.runtime;

import java.util.Objects;

/** A parameter a scenario accepts, with its default and a one-line description. */
public record ScenarioParameter(String name, String defaultValue, String description) {
    public ScenarioParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }
}
