package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.ConfigurationException;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.MemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The I/O, PnP and timer scenarios modelled on KMDF samples: clean ones pass, buggy ones fail only under some schedules. */
@Timeout(300)
class IoScenariosTest {
    private static RunResult run(String id, RunConfig.Builder config, MemorySink sink, Map<String, String> params) {
        Scenario s = BuiltInScenarios.create(id).orElseThrow();
        return WdfRunner.run(s, Parameters.of(s, params), config.sink(sink).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "toaster", "thermal"})
    void cleanIoScenariosPassUnderEverySeedWithoutViolations(String id) {
        for (long seed = 1; seed <= 10; seed++) {
            MemorySink sink = new MemorySink();
            RunResult r = run(id, RunConfig.builder().seed(seed), sink, Map.of());
            assertThat(r.passed()).as("%s seed %d: %s", id, seed, r.summary()).isTrue();
            assertThat(sink.count(EventType.REQUEST_COMPLETE)).isPositive();
            assertThat(sink.count(EventType.VIOLATION)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "toaster", "thermal"})
    void cleanIoScenariosPassLive(String id) {
        MemorySink sink = new MemorySink();
        RunResult r = run(id, RunConfig.builder().engine(EngineKind.LIVE).durationNanos(200_000_000L), sink, Map.of());
        assertThat(r.passed()).as("%s: %s", id, r.summary()).isTrue();
        assertThat(sink.count(EventType.REQUEST_COMPLETE)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cancel-race", "watchdog-after-d0exit", "stop-inflight"})
    void buggyIoScenariosFailOnlyUnderSomeSchedules(String id) {
        Set<FailureKind> outcomes = EnumSet.noneOf(FailureKind.class);
        for (long seed = 1; seed <= 40; seed++) {
            outcomes.add(run(id, RunConfig.builder().seed(seed), new MemorySink(), Map.of()).failure());
        }
        assertThat(outcomes).as(id).contains(FailureKind.NONE).hasSizeGreaterThan(1);
    }

    @Test
    void buggyIoScenariosFailTheWayTheyShould() {
        assertThat(firstFailure("cancel-race", Map.of()).violations().get(0)).containsAnyOf("UseAfterComplete",
                "RequestCompletedTwice");
        assertThat(firstFailure("watchdog-after-d0exit", Map.of()).violations().get(0))
                .containsAnyOf("HardwareAccessOutsideD0", "HardwareAccessUnmapped");
        assertThat(firstFailure("stop-inflight", Map.of()).violations().get(0))
                .containsAnyOf("RequestCompletedTwice", "HardwareAccessOutsideD0", "HardwareAccessUnmapped");
        RunResult ignored = firstFailure("stop-inflight", Map.of("purge", "ignore"));
        assertThat(ignored.violations().get(0)).containsAnyOf("RequestPendingAtPurge", "HardwareAccessOutsideD0",
                "HardwareAccessUnmapped");
    }

    private static RunResult firstFailure(String id, Map<String, String> params) {
        for (long seed = 1; seed <= 200; seed++) {
            RunResult r = run(id, RunConfig.builder().seed(seed), new MemorySink(), params);
            if (!r.passed()) {
                return r;
            }
        }
        throw new AssertionError(id + " never failed in 200 seeds");
    }

    @Test
    void eachNamesTheSampleItIsModelledOnAndChecksItsParameters() {
        for (String id : new String[] {"echo", "toaster", "thermal", "cancel-race", "watchdog-after-d0exit", "stop-inflight"}) {
            Scenario s = BuiltInScenarios.create(id).orElseThrow();
            assertThat(s.description()).as(id).containsAnyOf("general/echo", "general/toaster", "thermal/simsensor", "pcidrv",
                    "echo sample", "toaster shape");
        }
        Scenario echo = BuiltInScenarios.create("echo").orElseThrow();
        assertThat(run("echo", RunConfig.builder(), new MemorySink(), Map.of("cancel-fraction", "1.5")).cause())
                .isInstanceOf(ConfigurationException.class).hasMessage("parameter cancel-fraction of echo must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Parameters.of(echo, Map.of("stop-at", "9ms..2ms")).window("stop-at"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("FROM..TO");
        assertThat(run("stop-inflight", RunConfig.builder(), new MemorySink(), Map.of("purge", "later")).cause())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be one of complete, ignore");
    }

    @Test
    void checkParametersAcceptsTheDefaultsAndRefusesABadValueOfEveryParameterBeforeARun() {
        for (String id : new String[] {"echo", "toaster", "thermal", "cancel-race", "watchdog-after-d0exit", "stop-inflight"}) {
            Scenario s = BuiltInScenarios.create(id).orElseThrow();
            s.checkParameters(Parameters.of(s, Map.of()));
            for (var p : s.parameters()) {
                assertThatThrownBy(() -> s.checkParameters(Parameters.of(s, Map.of(p.name(), "-1x"))))
                        .as(id + " " + p.name()).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining(p.name()).hasMessageContaining(id);
            }
        }
    }
}
