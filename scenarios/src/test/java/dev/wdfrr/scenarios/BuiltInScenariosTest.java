package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.WdfRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class BuiltInScenariosTest {
    private static RunResult run(String id, RunConfig.Builder config, MemorySink sink) {
        Scenario s = BuiltInScenarios.create(id).orElseThrow();
        return WdfRunner.run(s, Parameters.of(s, Map.of()), config.sink(sink).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nic", "dma", "sensor", "usb-reset"})
    void cleanScenariosPassUnderEverySeed(String id) {
        for (long seed = 1; seed <= 10; seed++) {
            MemorySink sink = new MemorySink();
            RunResult r = run(id, RunConfig.builder().seed(seed), sink);
            assertThat(r.passed()).as("%s seed %d: %s", id, seed, r.summary()).isTrue();
            assertThat(sink.count(EventType.CALLBACK_START)).isPositive();
            assertThat(sink.count(EventType.VIOLATION)).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nic", "dma", "sensor", "usb-reset"})
    void cleanScenariosPassLive(String id) {
        MemorySink sink = new MemorySink();
        RunResult r = run(id, RunConfig.builder().engine(EngineKind.LIVE).durationNanos(100_000_000L), sink);
        assertThat(r.passed()).as("%s: %s", id, r.summary()).isTrue();
        assertThat(sink.count(EventType.CALLBACK_START)).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lost-update", "stale-handle", "self-flush-hang"})
    void buggyScenariosFailOnlyUnderSomeSchedules(String id) {
        Set<FailureKind> outcomes = EnumSet.noneOf(FailureKind.class);
        for (long seed = 1; seed <= 40; seed++) {
            outcomes.add(run(id, RunConfig.builder().seed(seed), new MemorySink()).failure());
        }
        assertThat(outcomes).contains(FailureKind.NONE).hasSizeGreaterThan(1);
    }

    @Test
    void buggyScenariosFailTheWayTheyShould() {
        assertThat(firstFailure("lost-update").message()).contains("an update was lost");
        assertThat(firstFailure("stale-handle").summary()).containsAnyOf("UseAfterDelete", "freed handle");
        RunResult hang = firstFailure("self-flush-hang"); // the real driver hangs: reported, then a deadlock
        assertThat(hang.failure()).isEqualTo(FailureKind.DEADLOCK);
        assertThat(hang.violations()).singleElement().asString().startsWith("DeleteWaitsOnItself");
        assertThat(hang.message()).contains("waits for the rundown of work item 'poll'");
    }

    private static RunResult firstFailure(String id) {
        for (long seed = 1; seed <= 100; seed++) {
            RunResult r = run(id, RunConfig.builder().seed(seed), new MemorySink());
            if (!r.passed()) {
                return r;
            }
        }
        throw new AssertionError(id + " never failed in 100 seeds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nic", "lost-update", "stale-handle", "self-flush-hang"})
    void theSameSeedGivesTheSameEventSequenceAHundredTimes(String id) {
        MemorySink first = new MemorySink();
        run(id, RunConfig.builder().seed(7).durationNanos(1_000_000L), first);
        List<Event> expected = first.events();
        for (int i = 0; i < 100; i++) {
            MemorySink again = new MemorySink();
            run(id, RunConfig.builder().seed(7).durationNanos(1_000_000L), again);
            assertThat(again.events()).as("%s run %d", id, i).isEqualTo(expected);
        }
    }

    @Test
    void idsAreUniqueAndEveryScenarioDescribesItselfAndItsParameters() {
        assertThat(BuiltInScenarios.ids()).doesNotHaveDuplicates().hasSize(14);
        for (Scenario s : BuiltInScenarios.all()) {
            assertThat(s.description()).isNotBlank().doesNotContain("\n");
            s.parameters().forEach(p -> assertThat(p.description()).isNotBlank());
            assertThat(BuiltInScenarios.createByClassName(s.getClass().getName())).isPresent();
        }
    }
}
