package dev.wdfrr.bench.bugs;

import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's own bugs fail for the reason their Fray twins (bench/fray) do, under every
 * strategy: otherwise the side-by-side would compare the search for different bugs.
 */
class BugsTest {
    private static RunResult firstFailure(String bug, Strategies.Kind kind) {
        Explorer.Result r = Explorer.explore(Bugs.byId(bug).scenario(), Map.of(),
                new Explorer.Options(kind, 3, 2_000, RunConfig.builder().seed(1000).build(), 1, ProgressListener.NONE));
        assertNotNull(r.failure(), bug + " under " + kind + ": no failure in 2,000 schedules");
        return r.failure().result();
    }

    @Test
    void theRefcountRaceIsAReadOfHardwareAfterTheStopsPowerDown() {
        for (Strategies.Kind kind : Strategies.Kind.values()) {
            RunResult r = firstFailure("refcount-race", kind);
            assertEquals(FailureKind.VIOLATION, r.failure(), kind + ": " + r.message());
            // Out of D0 (after EvtDeviceD0Exit) or also unmapped (after EvtDeviceReleaseHardware): the
            // Fray twin's "a read used the hardware after the stop took the device out of D0".
            assertTrue(Pattern.compile("HardwareAccess(OutsideD0|Unmapped): read of virtual device 'hw'.* in EvtIoRead ")
                    .matcher(r.message()).find(), kind + ": " + r.message());
        }
    }

    @Test
    void theLostUpdateOfTwoThreadsIsALostAddition() {
        for (Strategies.Kind kind : Strategies.Kind.values()) {
            RunResult r = firstFailure("lost-update-threads", kind);
            assertEquals(FailureKind.INVARIANT, r.failure(), kind + ": " + r.message());
            assertTrue(r.message().contains("after 6 additions: an update was lost"), kind + ": " + r.message());
        }
    }
}
