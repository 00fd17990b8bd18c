package dev.wdfrr.bench.bugs;

import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.scenarios.BuiltInScenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The buggy scenarios the benchmarks explore: every buggy built-in, then the two shaped like the Fray side's tests. */
public final class Bugs {
    private Bugs() {
    }

    /** id → a fresh instance per call. */
    public record Bug(String id, boolean builtIn, Supplier<Scenario> scenario) {
    }

    public static List<Bug> all() {
        List<Bug> out = new ArrayList<>();
        for (Scenario s : BuiltInScenarios.all()) {
            if (s.buggy()) {
                String id = s.id();
                out.add(new Bug(id, true, () -> BuiltInScenarios.create(id).orElseThrow()));
            }
        }
        out.add(new Bug("lost-update-threads", false, LostUpdateThreads::new));
        out.add(new Bug("refcount-race", false, RefcountRace::new));
        return out;
    }

    public static Bug byId(String id) {
        return all().stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bug " + id));
    }
}
