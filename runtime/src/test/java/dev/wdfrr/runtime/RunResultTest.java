package dev.wdfrr.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunResultTest {
    private static RunResult result(FailureKind kind, String message, String... violations) {
        return new RunResult(kind, message, List.of(violations), 10, 5, 1_000, null);
    }

    @Test
    void aHangAfterViolationsNamesHowManyAndTheFirst() {
        RunResult r = result(FailureKind.DEADLOCK, "hang: stop waits for request 19", "UseAfterComplete: unmark after completion",
                "RequestCompletedTwice: completed again");
        assertThat(r.summary()).isEqualTo("deadlock: hang: stop waits for request 19");
        assertThat(r.otherViolations()).isEqualTo("also: 2 verifier violations, the first: UseAfterComplete: unmark after completion");
        assertThat(result(FailureKind.INVARIANT, "lost", "LeakedWorkItem: x").otherViolations())
                .isEqualTo("also: 1 verifier violation: LeakedWorkItem: x");
    }

    @Test
    void nothingMoreToSayWhenTheViolationIsTheFailureOrThereIsNone() {
        assertThat(result(FailureKind.VIOLATION, "UseAfterComplete: a", "UseAfterComplete: a").otherViolations()).isEmpty();
        assertThat(result(FailureKind.DEADLOCK, "hang").otherViolations()).isEmpty();
        assertThat(result(FailureKind.NONE, "passed").otherViolations()).isEmpty();
    }
}
