package dev.wdfrr.bench.junit;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.scenarios.LostUpdateScenario;

import java.util.Map;

/**
 * The built-in {@code lost-update} scenario as a {@code @WdfTest}, for {@link dev.wdfrr.bench.CliVsWdfTest}:
 * the same driver code, the same strategy and seed as {@code wdfrr explore lost-update --keep-going}.
 */
public class LostUpdateAsWdfTest {
    /** Schedules per run; CliVsWdfTest gives the command line the same number. */
    public static final int SCHEDULES = 20_000;

    @WdfTest(iterations = SCHEDULES, strategy = WdfTest.Strategy.PCT, seed = 1, keepGoing = true)
    void lostUpdate(WdfRuntime rt) throws Exception {
        LostUpdateScenario s = new LostUpdateScenario();
        s.run(rt, Parameters.of(s, Map.of()));
        String broken = s.checkInvariant();
        if (broken != null) {
            throw new AssertionError(broken);
        }
    }
}
