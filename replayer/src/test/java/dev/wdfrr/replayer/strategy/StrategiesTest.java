package dev.wdfrr.replayer.strategy;

import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.engine.ThreadView;
import dev.wdfrr.runtime.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strategies' rules, on hand-made thread views. */
class StrategiesTest {
    record View(int threadId, EventType pendingOperation, int pendingObject) implements ThreadView {
        @Override
        public String threadName() {
            return "t" + threadId;
        }

        @Override
        public boolean timedWait() {
            return false;
        }
    }

    private static List<Integer> picks(Strategy s, List<View> enabled, int steps) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= steps; i++) {
            out.add(enabled.get(s.pick(enabled, i)).threadId());
        }
        return out;
    }

    @Test
    void pctCountsOnlyStepsWithAChoiceWhenDrawingChangePoints() {
        View a = new View(0, EventType.REG_WRITE, 1);
        View b = new View(1, EventType.REG_WRITE, 1);
        int firstChoiceWasA = 0;
        for (long seed = 0; seed < 50; seed++) {
            // Depth 2 with k = 1: the change point is the first step with a choice.
            PctStrategy immediately = new PctStrategy(seed, 2, 1, PctStrategy.Steps.CHOICES);
            int expected = immediately.pick(List.of(a, b), 1);
            PctStrategy later = new PctStrategy(seed, 2, 1, PctStrategy.Steps.CHOICES);
            for (int i = 1; i <= 10; i++) {
                assertThat(later.pick(List.of(a), i)).isZero();
            }
            assertThat(later.pick(List.of(a, b), 11)).as("seed %d: ten steps without a choice used no change point", seed)
                    .isEqualTo(expected);
            assertThat(later.pick(List.of(a, b), 12)).as("the demoted thread stays behind").isEqualTo(expected);
            firstChoiceWasA += expected == 0 ? 1 : 0;
            // Counting every step, the change point fell on step 1, where a ran alone: a is demoted for good.
            PctStrategy all = new PctStrategy(seed, 2, 1, PctStrategy.Steps.ALL);
            for (int i = 1; i <= 10; i++) {
                all.pick(List.of(a), i);
            }
            assertThat(all.pick(List.of(a, b), 11)).isEqualTo(1);
        }
        assertThat(firstChoiceWasA).isBetween(1, 49);
    }

    @Test
    void posWithoutConflictsBehavesAsPlainPosAndWithConflictsRedrawsTheOthers() {
        List<View> independent = List.of(new View(0, EventType.REG_WRITE, 1), new View(1, EventType.REG_WRITE, 2),
                new View(2, EventType.ENQUEUE, 3));
        List<View> conflicting = List.of(new View(0, EventType.REG_WRITE, 1), new View(1, EventType.REG_WRITE, 1),
                new View(2, EventType.REG_READ, 1));
        int differ = 0;
        for (long seed = 0; seed < 50; seed++) {
            assertThat(picks(PosStrategy.dependencyAware(seed), independent, 40))
                    .isEqualTo(picks(PosStrategy.plain(seed), independent, 40));
            differ += picks(PosStrategy.dependencyAware(seed), conflicting, 40)
                    .equals(picks(PosStrategy.plain(seed), conflicting, 40)) ? 0 : 1;
        }
        assertThat(differ).isGreaterThan(40);
    }

    @Test
    void posKeepsAWaitingStepsPriorityUntilItRuns() {
        // Plain POS: the thread that did not run keeps its priority, so runs of one thread are long.
        List<View> two = List.of(new View(0, EventType.REG_WRITE, 1), new View(1, EventType.REG_WRITE, 2));
        long switchesPos = 0;
        long switchesRandom = 0;
        for (long seed = 0; seed < 200; seed++) {
            switchesPos += switches(picks(PosStrategy.plain(seed), two, 50));
            switchesRandom += switches(picks(new dev.wdfrr.runtime.engine.RandomStrategy(seed), two, 50));
        }
        assertThat(switchesPos).isLessThan(switchesRandom * 3 / 4);
    }

    private static int switches(List<Integer> order) {
        int n = 0;
        for (int i = 1; i < order.size(); i++) {
            n += order.get(i).equals(order.get(i - 1)) ? 0 : 1;
        }
        return n;
    }

    @Test
    void conflictsAreSameObjectAndNotBothReads() {
        assertThat(Conflicts.conflict(new View(0, EventType.REG_READ, 4), new View(1, EventType.REG_WRITE, 4))).isTrue();
        assertThat(Conflicts.conflict(new View(0, EventType.REG_READ, 4), new View(1, EventType.REG_READ, 4))).isFalse();
        assertThat(Conflicts.conflict(new View(0, EventType.ENQUEUE, 4), new View(1, EventType.ENQUEUE, 5))).isFalse();
        assertThat(Conflicts.conflict(new View(0, EventType.THREAD_START, 0), new View(1, EventType.THREAD_START, 0))).isFalse();
    }

    @Test
    void strategyNamesParseAsTheCommandLineWritesThem() {
        assertThat(Strategies.Kind.parse("pos-dep")).isEqualTo(Strategies.Kind.POS_DEP);
        assertThat(Strategies.Kind.parse("PCT_ALL")).isEqualTo(Strategies.Kind.PCT_ALL);
        assertThatThrownBy(() -> Strategies.Kind.parse("dfs")).hasMessage(
                "unknown strategy 'dfs' (expected random, pct, pct-all, pos or pos-dep)");
        assertThat(Strategies.create(Strategies.Kind.POS, 3, 3, 10).describe()).isEqualTo("pos(seed=3)");
    }
}
