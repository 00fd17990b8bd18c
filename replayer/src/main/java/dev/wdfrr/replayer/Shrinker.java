package dev.wdfrr.replayer;

import dev.wdfrr.replayer.strategy.GuidedStrategy;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.WdfRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Makes a failing schedule smaller while it still fails the same way ({@link FailureSignature}).
 * A schedule is described as the few steps where it switched away from a non-preemptive
 * default (its preemptions). First fewer interrupts: the devices' arrivals are capped lower and
 * lower while a failing schedule can still be found; then fewer preemptions: each switch is
 * dropped in turn and kept out when the run still fails. The number of runs is bounded.
 */
public final class Shrinker {
    private Shrinker() {
    }

    /** Sizes before and after, the shrunk run and its events. */
    public record Result(RunResult result, MemorySink events, long eventsBefore, long eventsAfter, int preemptionsBefore,
                         int preemptionsAfter, long arrivalsBefore, long arrivalsAfter, long arrivalLimit, int runs) {
    }

    /** A failing schedule: its switch decisions, the value choices it made (times, CPUs), its arrival cap. */
    private record Candidate(TreeMap<Long, Integer> switches, List<Long> choices, long arrivalLimit, RunResult result,
                             MemorySink events) {
    }

    /**
     * @param failing a fresh copy of the strategy that produced the failing schedule
     * @param budget  the most runs to spend
     */
    public static Result shrink(Supplier<Scenario> scenarios, Map<String, String> params, RunConfig base,
                                Supplier<Strategy> failing, int budget) {
        Runner run = new Runner(scenarios, params, base);
        GuidedStrategy recording = GuidedStrategy.recording(failing.get());
        MemorySink original = new MemorySink();
        RunResult first = run.run(recording, -1, original);
        if (first.passed()) {
            throw new IllegalArgumentException("the schedule to shrink does not fail");
        }
        FailureSignature signature = FailureSignature.of(first);
        Candidate best = new Candidate(recording.departures(), recording.choices(), -1, first, original);
        long arrivalsBefore = arrivals(original);

        // 1. Fewer interrupts: the lowest arrival cap at which some schedule still fails the same way.
        for (long cap = 1; cap < arrivalsBefore && run.runs < budget; cap++) {
            Candidate c = tryCap(run, failing, best, cap, signature, budget);
            if (c != null) {
                best = c;
                break;
            }
        }
        // 2. Fewer preemptions: drop switches, latest first, while it still fails the same way.
        List<Long> steps = new ArrayList<>(best.switches().descendingKeySet());
        for (long step : steps) {
            if (run.runs >= budget) {
                break;
            }
            TreeMap<Long, Integer> without = new TreeMap<>(best.switches());
            without.remove(step);
            MemorySink sink = new MemorySink();
            RunResult r = run.run(new GuidedStrategy(without, best.choices()), best.arrivalLimit(), sink);
            if (!r.passed() && FailureSignature.of(r).equals(signature) && sink.size() <= best.events().size()) {
                best = new Candidate(without, best.choices(), best.arrivalLimit(), r, sink);
            }
        }
        long eventsAfter = best.events().size(); // counted as searched, without call sites, like eventsBefore
        if (base.callSites()) {
            best = witness(run, best, signature);
        }
        return new Result(best.result(), best.events(), original.size(), eventsAfter, first.steps() == 0 ? 0
                : recording.departures().size(), best.switches().size(), arrivalsBefore, arrivals(best.events()),
                best.arrivalLimit(), run.runs);
    }

    /** The shrunk schedule once more, with call sites (the search ran without them). */
    private static Candidate witness(Runner run, Candidate best, FailureSignature signature) {
        MemorySink sink = new MemorySink();
        Scenario s = run.scenarios.get();
        RunResult r = WdfRunner.run(s, Parameters.of(s, run.params), run.base.toBuilder()
                .strategy(new GuidedStrategy(best.switches(), best.choices())).arrivalLimit(best.arrivalLimit()).sink(sink).build());
        return !r.passed() && FailureSignature.of(r).equals(signature)
                ? new Candidate(best.switches(), best.choices(), best.arrivalLimit(), r, sink) : best;
    }

    private static Candidate tryCap(Runner run, Supplier<Strategy> failing, Candidate best, long cap,
                                    FailureSignature signature, int budget) {
        // The same switches first, then a few random schedules under the cap.
        List<Strategy> attempts = new ArrayList<>();
        attempts.add(new GuidedStrategy(best.switches(), best.choices()));
        attempts.add(failing.get());
        for (int i = 0; i < 30; i++) {
            attempts.add(new RandomStrategy(cap * 7919 + i));
        }
        for (Strategy s : attempts) {
            if (run.runs >= budget) {
                return null;
            }
            GuidedStrategy recording = GuidedStrategy.recording(s);
            MemorySink sink = new MemorySink();
            RunResult r = run.run(recording, cap, sink);
            // Smaller in every measure: fewer arrivals, no more events and no more preemptions.
            if (!r.passed() && FailureSignature.of(r).equals(signature) && sink.size() <= best.events().size()
                    && recording.departures().size() <= best.switches().size()) {
                return new Candidate(recording.departures(), recording.choices(), cap, r, sink);
            }
        }
        return null;
    }

    /** The most arrivals any one device delivered. */
    static long arrivals(MemorySink sink) {
        Map<Integer, Long> perDevice = new java.util.HashMap<>();
        for (int i = 0; i < sink.size(); i++) {
            if (sink.typeId(i) == EventType.ARRIVAL.id()) {
                perDevice.merge(sink.get(i).object(), 1L, Long::sum);
            }
        }
        return perDevice.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private static final class Runner {
        final Supplier<Scenario> scenarios;
        final Map<String, String> params;
        final RunConfig base;
        int runs;

        Runner(Supplier<Scenario> scenarios, Map<String, String> params, RunConfig base) {
            this.scenarios = scenarios;
            this.params = params;
            this.base = base;
        }

        RunResult run(Strategy strategy, long arrivalLimit, MemorySink sink) {
            runs++;
            Scenario s = scenarios.get();
            return WdfRunner.run(s, Parameters.of(s, params), base.toBuilder().strategy(strategy).arrivalLimit(arrivalLimit)
                    .sink(sink).callSites(false).build());
        }
    }
}
