package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.Scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The scenarios that ship with wdfrr, by id, in the order they are listed. */
public final class BuiltInScenarios {
    private static final Map<String, Supplier<Scenario>> ALL = new LinkedHashMap<>();

    static {
        add(NicScenario::new);
        add(DmaScenario::new);
        add(SensorScenario::new);
        add(UsbResetScenario::new);
        add(TeardownScenario::new);
        add(LostUpdateScenario::new);
        add(StaleHandleScenario::new);
        add(SelfFlushHangScenario::new);
        add(EchoScenario::new);
        add(ToasterScenario::new);
        add(ThermalScenario::new);
        add(CancelRaceScenario::new);
        add(WatchdogAfterD0ExitScenario::new);
        add(StopInflightScenario::new);
    }

    private BuiltInScenarios() {
    }

    private static void add(Supplier<Scenario> factory) {
        ALL.put(factory.get().id(), factory);
    }

    /** Ids in listing order. */
    public static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }

    /** A fresh instance of every built-in scenario, in listing order. */
    public static List<Scenario> all() {
        return ALL.values().stream().map(Supplier::get).toList();
    }

    /** A fresh instance of the scenario with this id. */
    public static Optional<Scenario> create(String id) {
        Supplier<Scenario> f = ALL.get(id);
        return f == null ? Optional.empty() : Optional.of(f.get());
    }

    /** A fresh instance of the built-in scenario whose class has this name (for trace headers). */
    public static Optional<Scenario> createByClassName(String className) {
        for (Supplier<Scenario> f : ALL.values()) {
            Scenario s = f.get();
            if (s.getClass().getName().equals(className)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
