package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Non-preemptive except where told: keeps running the thread that ran last while it can, else
 * the first enabled one, and at the given steps switches to the given thread if it is enabled.
 * The shrinker describes a schedule as these few switch decisions and removes them one by one.
 * It can also record, around another strategy, where that strategy departed from the default.
 */
public final class GuidedStrategy implements Strategy {
    private final Map<Long, Integer> switches;
    private final Strategy recorded;
    private final TreeMap<Long, Integer> departures = new TreeMap<>();
    /** Values chosen (times within windows, CPUs), in order: recorded around another strategy, or followed. */
    private final List<Long> choices;
    private int nextChoice;
    private int last = -1;

    /** Follows {@code switches}: step number → thread id. */
    public GuidedStrategy(Map<Long, Integer> switches) {
        this(switches, List.of());
    }

    /** Follows {@code switches} and makes the given value choices in order (then the earliest). */
    public GuidedStrategy(Map<Long, Integer> switches, List<Long> choices) {
        this.switches = Map.copyOf(switches);
        this.recorded = null;
        this.choices = List.copyOf(choices);
    }

    private GuidedStrategy(Strategy recorded) {
        this.switches = Map.of();
        this.recorded = recorded;
        this.choices = new java.util.ArrayList<>();
    }

    /** Runs {@code inner} and notes every step where it chose other than the default. */
    public static GuidedStrategy recording(Strategy inner) {
        return new GuidedStrategy(inner);
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        int def = defaultChoice(enabled);
        int chosen;
        if (recorded != null) {
            chosen = recorded.pick(enabled, step);
            if (chosen != def) {
                departures.put(step, enabled.get(chosen).threadId());
            }
        } else {
            chosen = def;
            Integer wanted = switches.get(step);
            if (wanted != null) {
                for (int i = 0; i < enabled.size(); i++) {
                    if (enabled.get(i).threadId() == wanted) {
                        chosen = i;
                        break;
                    }
                }
            }
        }
        last = enabled.get(chosen).threadId();
        return chosen;
    }

    private int defaultChoice(List<? extends ThreadView> enabled) {
        for (int i = 0; i < enabled.size(); i++) {
            if (enabled.get(i).threadId() == last) {
                return i;
            }
        }
        return 0;
    }

    @Override
    public long choose(ThreadView thread, long lo, long hi) {
        if (recorded != null) {
            long v = recorded.choose(thread, lo, hi);
            choices.add(v);
            return v;
        }
        long v = nextChoice < choices.size() ? choices.get(nextChoice++) : lo;
        return Math.max(lo, Math.min(hi, v));
    }

    /** The value choices the recorded strategy made, in order. */
    public List<Long> choices() {
        return choices;
    }

    /** Steps where the recorded strategy departed from the default, and the thread it chose. */
    public TreeMap<Long, Integer> departures() {
        return departures;
    }

    @Override
    public String describe() {
        return recorded != null ? recorded.describe() : "guided(" + switches.size() + " switches)";
    }
}
