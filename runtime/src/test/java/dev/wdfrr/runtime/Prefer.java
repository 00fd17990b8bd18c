package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;

import java.util.List;

/** Test strategy: runs the first enabled thread whose name starts with one of the given prefixes, in that order of preference. */
final class Prefer implements Strategy {
    private final String[] order;

    Prefer(String... order) {
        this.order = order;
    }

    @Override
    public int pick(List<? extends ThreadView> enabled, long step) {
        for (String prefix : order) {
            for (int i = 0; i < enabled.size(); i++) {
                if (enabled.get(i).threadName().startsWith(prefix)) {
                    return i;
                }
            }
        }
        return 0;
    }

    @Override
    public String describe() {
        return "prefer" + List.of(order);
    }
}
