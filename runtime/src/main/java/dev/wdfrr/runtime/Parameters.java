package dev.wdfrr.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scenario parameter values: the scenario's defaults overridden by what the user gave. Unknown
 * names and malformed values are {@link ConfigurationException}s naming the parameter.
 */
public final class Parameters {
    private final String scenarioId;
    private final Map<String, String> values;

    private Parameters(String scenarioId, Map<String, String> values) {
        this.scenarioId = scenarioId;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Defaults of {@code scenario} overridden by {@code given}; rejects unknown names. */
    public static Parameters of(Scenario scenario, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        List<ScenarioParameter> declared = scenario.parameters();
        for (ScenarioParameter p : declared) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                String known = declared.isEmpty() ? "none"
                        : declared.stream().map(ScenarioParameter::name).collect(Collectors.joining(", "));
                throw new ConfigurationException("unknown parameter '" + e.getKey() + "' for scenario "
                        + scenario.id() + " (known: " + known + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        return new Parameters(scenario.id(), values);
    }

    /** Every value, defaults included, in declaration order. */
    public Map<String, String> asMap() {
        return values;
    }

    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new ConfigurationException("scenario " + scenarioId + " has no parameter '" + name + "'");
        }
        return v;
    }

    public long longValue(String name) {
        String v = string(name);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId
                    + " must be a whole number, got '" + v + "'");
        }
    }

    public int intValue(String name) {
        long v = longValue(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId + " is out of range: " + v);
        }
        return (int) v;
    }

    /** A non-negative whole number. */
    public long count(String name) {
        long v = longValue(name);
        if (v < 0) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId + " must be >= 0, got " + v);
        }
        return v;
    }

    public double doubleValue(String name) {
        String v = string(name);
        try {
            double d = Double.parseDouble(v.trim());
            // Java's own suffixes (1d, 2f), hex floats, NaN and infinities are not numbers a user means
            if (!Double.isFinite(d) || !v.trim().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId
                    + " must be a number, got '" + v + "'");
        }
    }

    /** A duration such as {@code 500ns}, {@code 20us}, {@code 3ms}, {@code 2s}; a bare number is nanoseconds. */
    public long nanos(String name) {
        return Durations.parse(string(name), "parameter " + name + " of " + scenarioId);
    }

    /** A duration longer than zero, such as a timer's period. */
    public long positiveNanos(String name) {
        long v = nanos(name);
        if (v <= 0) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId + " must be a duration above 0, got '"
                    + string(name) + "'");
        }
        return v;
    }

    /** The id of the scenario these values are for, for messages about them. */
    public String scenarioId() {
        return scenarioId;
    }

    /** A number in [0, 1]. */
    public double fraction(String name) {
        double v = doubleValue(name);
        if (!(v >= 0 && v <= 1)) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId + " must be in [0, 1], got " + v);
        }
        return v;
    }

    /** A positive number (a rate). */
    public double positive(String name) {
        double v = doubleValue(name);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigurationException("parameter " + name + " of " + scenarioId + " must be a positive number, got '"
                    + string(name) + "'");
        }
        return v;
    }

    /**
     * A time window {@code FROM..TO} (durations, FROM &lt;= TO; a single duration is a window of
     * one instant), or null for {@code none}.
     */
    public long[] window(String name) {
        String v = string(name).trim();
        if (v.equalsIgnoreCase("none")) {
            return null;
        }
        String what = "parameter " + name + " of " + scenarioId;
        int dots = v.indexOf("..");
        long from = Durations.parse(dots < 0 ? v : v.substring(0, dots).trim(), what);
        long to = dots < 0 ? from : Durations.parse(v.substring(dots + 2).trim(), what);
        if (from < 0 || to < from) {
            throw new ConfigurationException(what + " must be a window FROM..TO with 0 <= FROM <= TO, got '" + v + "'");
        }
        return new long[] {from, to};
    }

    /** One of the given words. */
    public String choice(String name, String... allowed) {
        String v = string(name);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new ConfigurationException("parameter " + name + " of " + scenarioId + " must be one of "
                + String.join(", ", allowed) + ", got '" + v + "'");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
