package dev.wdfrr.tracer;

import dev.wdfrr.runtime.event.DeleteState;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.FailureKind;
import dev.wdfrr.runtime.Irql;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.Rule;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.scenarios.BuiltInScenarios;
import dev.wdfrr.tracer.TraceCheck.Finding;
import dev.wdfrr.tracer.TraceCheck.Options;
import dev.wdfrr.tracer.TraceCheck.Result;
import dev.wdfrr.tracer.TraceCheck.Severity;
import dev.wdfrr.tracer.TraceCheck.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static dev.wdfrr.tracer.HandTrace.CPU0;
import static dev.wdfrr.tracer.HandTrace.DEVICE;
import static dev.wdfrr.tracer.HandTrace.INTERRUPT;
import static dev.wdfrr.tracer.HandTrace.ISR0;
import static dev.wdfrr.tracer.HandTrace.ITEM;
import static dev.wdfrr.tracer.HandTrace.MAIN;
import static dev.wdfrr.tracer.HandTrace.SPIN;
import static dev.wdfrr.tracer.HandTrace.WAIT;
import static dev.wdfrr.tracer.HandTrace.WORKER0;
import static dev.wdfrr.tracer.HandTrace.WORKER1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class TraceCheckTest {
    @TempDir
    Path tmp;

    static Result check(Path dir, Options options) {
        try (TraceReader r = TraceReader.open(dir)) {
            return TraceCheck.check(r, options);
        }
    }

    static Result check(Path dir) {
        return check(dir, Options.defaults());
    }

    /** Asserts the result holds exactly one finding, of this rule at this event, and returns it. */
    static Finding single(Result r, Rule rule, long seq) {
        assertThat(r.findings()).as("findings").hasSize(1);
        Finding f = r.findings().get(0);
        assertThat(f.rule()).isEqualTo(rule.verifierName());
        assertThat(f.seq()).isEqualTo(seq);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(r.countsByRule()).containsExactly(java.util.Map.entry(rule.verifierName(), 1L));
        return f;
    }

    // ------------------------------------------------------------------ recorded traces

    @ParameterizedTest
    @ValueSource(strings = {"nic", "dma", "sensor", "usb-reset", "lost-update-failing", "echo", "toaster", "thermal"})
    void everyCommittedSampleTraceIsCleanAndTheFailingOneReportsItsFailure(String name) {
        Result r = check(Path.of("..", "traces", name));
        if (name.startsWith("lost-update")) { // its run failed: an error whatever the rules say; and the race that lost the update
            assertThat(r.findings()).filteredOn(f -> f.rule().equals(TraceCheck.RUN_FAILED)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).isEqualTo("invariant violated: invariant of lost-update violated: RX_TOTAL is 5 after 6 DPC runs: an update was lost");
            });
            assertThat(r.findings()).filteredOn(f -> !f.rule().equals(TraceCheck.RUN_FAILED)).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.rule()).isEqualTo(TraceCheck.DATA_RACE));
            assertThat(r.failsAt(Severity.ERROR)).isTrue();
            return;
        }
        assertThat(r.findings()).isEmpty();
        assertThat(r.clean()).isTrue();
        assertThat(r.truncated()).isFalse();
        assertThat(r.leaksChecked()).isTrue();
        assertThat(r.events()).isPositive();
    }

    /** The failing lost update broke no verifier rule; besides its failure, its findings are the race that loses the update. */
    @Test
    void theCommittedLostUpdateHasTheRaceOfItsTwoDpcsAndNothingElse() {
        Result r = check(Path.of("..", "traces", "lost-update-failing"));
        assertThat(r.findings()).filteredOn(f -> !f.rule().equals(TraceCheck.RUN_FAILED)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.rule()).isEqualTo(TraceCheck.DATA_RACE);
            assertThat(f.message()).startsWith("data race on register 2 of 'port0' (#4): ").contains(" by cpu-0 ", " by cpu-1 ");
        });
    }

    @Test
    void aRecordedDeleteThatWaitsOnItselfIsReportedOnceAsFoundByBothVerifiers() {
        Path dir = tmp.resolve("self-flush");
        RunResult result = null;
        for (long seed = 1; seed < 40; seed++) {
            result = RoundTripTest.record("self-flush-hang", RunConfig.builder().seed(seed), TraceWriter.create(dir, true));
            if (!result.passed()) {
                break;
            }
        }
        assertThat(result.failure()).isEqualTo(FailureKind.DEADLOCK); // reported, then it hangs as the real driver does
        long rundownSeq = -1;
        long violationSeq = -1;
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                if (c.type() == EventType.RUNDOWN && r.names().object(c.object()).equals("poll")) {
                    rundownSeq = c.seq();
                } else if (c.type() == EventType.VIOLATION) {
                    violationSeq = c.seq();
                }
            }
        }
        Result checked = check(dir);
        assertThat(checked.findings()).extracting(Finding::rule).containsExactly("DeleteWaitsOnItself", TraceCheck.RUN_FAILED);
        assertThat(checked.findings().get(1).message()).startsWith("deadlock: ").contains("waits for the rundown of work item 'poll'");
        Finding f = checked.findings().get(0);
        assertThat(f.seq()).isEqualTo(rundownSeq);
        assertThat(f.source()).isEqualTo(Source.BOTH);
        assertThat(f.objectName()).isEqualTo("poll");
        assertThat(f.message()).contains("recorded it at event " + violationSeq).contains("m_WorkItemThread is worker-");
    }

    @Test
    void aRecordedUseOfAFreedHandleIsReported() {
        Path dir = tmp.resolve("stale");
        RoundTripTest.record("stale-handle", RunConfig.builder().seed(1), TraceWriter.create(dir, false));
        Result r = check(dir);
        assertThat(r.findings()).extracting(Finding::rule).containsExactly("UseAfterDelete", TraceCheck.RUN_FAILED);
        assertThat(r.findings().get(1).message()).startsWith("exception: ").contains("BugCheckException");
        assertThat(r.findings()).first().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("UseAfterDelete");
            assertThat(f.source()).isEqualTo(Source.RECORDED); // the runtime refused the enqueue: no event to check offline
            assertThat(f.objectName()).isEqualTo("refill");
            assertThat(f.message()).startsWith("WdfWorkItemEnqueue on work item 'refill'");
        });
    }

    /** Whatever the offline check finds in a recorded run, the runtime's own verifier found too. */
    @Test
    void offlineFindingsAgreeWithTheRuntimeVerifierOnEveryBuiltInScenario() {
        int both = 0;
        for (String id : BuiltInScenarios.ids()) {
            for (long seed = 1; seed <= 3; seed++) {
                Path dir = tmp.resolve(id + "-" + seed);
                RoundTripTest.record(id, RunConfig.builder().seed(seed), TraceWriter.create(dir, false));
                Result r = check(dir, Options.defaults().withoutBudgets());
                assertThat(r.findings()).as(id + " seed " + seed)
                        .noneMatch(f -> f.source() == Source.OFFLINE && !f.rule().equals(TraceCheck.DATA_RACE));
                if (!id.equals("lost-update")) {
                    assertThat(r.count(TraceCheck.DATA_RACE)).as(id + " seed " + seed + " races").isZero();
                }
                both += (int) r.findings().stream().filter(f -> f.source() == Source.BOTH).count();
            }
        }
        assertThat(both).as("the offline check confirms some recorded violations").isPositive();
    }

    /** Every rule says whose check it is and what the real driver does: a verifier break, a hang, a bug check. */
    @Test
    void everyRuleSaysWhoseCheckItIsAndWhatTheRealDriverDoes() {
        for (Rule rule : Rule.values()) {
            assertThat(TraceCheck.origin(rule.verifierName())).isEqualTo(rule.origin().label());
            assertThat(TraceCheck.realBehavior(rule.verifierName())).as(rule.name()).isNotBlank();
        }
        assertThat(Rule.DELETE_WAITS_ON_ITSELF.origin()).isEqualTo(Rule.Origin.WDFRR);
        assertThat(Rule.DELETE_WAITS_ON_ITSELF.realBehavior()).contains("hangs");
        assertThat(Rule.LOCK_HELD_AT_RETURN.origin()).isEqualTo(Rule.Origin.WDFRR);
        assertThat(Rule.LEAKED_WORK_ITEM.origin()).isEqualTo(Rule.Origin.WDFRR);
        assertThat(Rule.INVALID_LOCK_OPERATION.realBehavior()).contains("bug check 0x10D", "0xB");
        assertThat(Rule.RECURSIVE_LOCK.realBehavior()).contains("bug check 0x10D", "0x2");
        assertThat(Rule.NO_DELETE_DDI.origin()).isEqualTo(Rule.Origin.FRAMEWORK);
    }

    // ------------------------------------------------------------------ IRQL

    @Test
    void anEnqueueAboveDispatchIsKmdfIrqlButQueueWorkItemForIsrIsNot() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        long bad = t.enqueue(ISR0, Irql.DIRQL, ITEM);
        t.ev(EventType.ENQUEUE, ISR0, Irql.DIRQL, ITEM, INTERRUPT, 0); // WdfInterruptQueueWorkItemForIsr: up to DIRQL
        t.ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);
        t.callbackStart(WORKER0, ITEM, 1);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.KMDF_IRQL, bad);
        assertThat(f.object()).isEqualTo(ITEM);
        assertThat(f.objectName()).isEqualTo("w");
        assertThat(f.thread()).isEqualTo("isr-0");
        assertThat(f.message()).contains("WdfWorkItemEnqueue").contains("DIRQL").contains("maximum is DISPATCH");
        assertThat(f.source()).isEqualTo(Source.OFFLINE);
    }

    @Test
    void aSpinLockRecordedAtDirqlWasAcquiredAtDirqlWhileOneRaisedToDispatchIsFine() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.acquire(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.release(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.acquire(CPU0, Irql.DIRQL, INTERRUPT, LockKind.INTERRUPT);
        long bad = t.acquire(CPU0, Irql.DIRQL, SPIN, LockKind.SPIN);
        t.release(CPU0, Irql.DIRQL, SPIN, LockKind.SPIN);
        t.release(CPU0, Irql.DISPATCH, INTERRUPT, LockKind.INTERRUPT);
        t.ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.callbackStart(WORKER0, ITEM, 1);
        t.acquire(WORKER0, Irql.DISPATCH, SPIN, LockKind.SPIN); // raised from PASSIVE
        t.release(WORKER0, Irql.PASSIVE, SPIN, LockKind.SPIN);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.KMDF_IRQL, bad);
        assertThat(f.object()).isEqualTo(SPIN);
        assertThat(f.message()).contains("WdfSpinLockAcquire").contains("after raising to DISPATCH");
    }

    @Test
    void aWaitLockAcquiredAtDispatchIsKmdfIrqlButAtApcIsAcceptedBecauseTheTimeoutIsNotTraced() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.acquire(MAIN, Irql.APC, WAIT, LockKind.WAIT);
        t.release(MAIN, Irql.APC, WAIT, LockKind.WAIT);
        long bad = t.acquire(MAIN, Irql.DISPATCH, WAIT, LockKind.WAIT);
        t.release(MAIN, Irql.DISPATCH, WAIT, LockKind.WAIT);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.KMDF_IRQL, bad);
        assertThat(f.message()).contains("WdfWaitLockAcquire").contains("maximum is APC");
    }

    @Test
    void aFlushAboveDispatchIsKmdfIrql() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        long bad = t.ev(EventType.FLUSH_START, MAIN, Irql.DISPATCH, ITEM, 0, 0);
        t.ev(EventType.FLUSH_END, MAIN, Irql.DISPATCH, ITEM, 0, 0);
        t.deleteDeviceAndEnd();
        assertThat(single(check(t.close()), Rule.KMDF_IRQL, bad).message()).contains("maximum is PASSIVE");
    }

    // ------------------------------------------------------------------ locks

    @Test
    void acquiringAHeldSpinLockAgainIsWdfSpinlockOnce() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.acquire(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        long bad = t.acquire(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.release(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.release(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.WDF_SPINLOCK, bad);
        assertThat(f.message()).contains("while the same thread holds it");
    }

    @Test
    void releasingALockThatIsNotHeldIsWdfWaitlock() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.callbackStart(WORKER0, ITEM, 1);
        long bad = t.release(WORKER0, Irql.PASSIVE, WAIT, LockKind.WAIT);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.WDF_WAITLOCK, bad);
        assertThat(f.message()).contains("does not hold it (it is not held)");
    }

    @Test
    void aSpinLockStillHeldWhenTheDpcReturnsIsLockHeldAtReturnAtTheDpcEnd() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        long acquired = t.acquire(CPU0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        long end = t.ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        // treated as released at the DPC's end: a later acquire elsewhere is fine
        t.callbackStart(WORKER0, ITEM, 1);
        t.acquire(WORKER0, Irql.DISPATCH, SPIN, LockKind.SPIN);
        t.release(WORKER0, Irql.PASSIVE, SPIN, LockKind.SPIN);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.LOCK_HELD_AT_RETURN, end);
        assertThat(f.object()).isEqualTo(SPIN);
        assertThat(f.message()).contains("acquired at event " + acquired).contains("still held when the DPC of 'int' (#8) returns");
    }

    @Test
    void theCallbackLockAroundACallbackIsNotALockHeldAtReturn() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.acquire(WORKER0, Irql.PASSIVE, HandTrace.CALLBACK_LOCK, LockKind.CALLBACK);
        t.callbackStart(WORKER0, ITEM, 1);
        t.release(WORKER0, Irql.PASSIVE, HandTrace.CALLBACK_LOCK, LockKind.CALLBACK);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        assertThat(check(t.close()).findings()).isEmpty();
    }

    // ------------------------------------------------------------------ use after delete

    // FxWorkItem::Enqueue refuses only once m_RunningDown is set, by FxWorkItem::Dispose
    @Test
    void anEnqueueOnceTheRundownBeganIsUseAfterDeleteButNotBefore_FxWorkItemEnqueue() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.delete(MAIN, Irql.DISPATCH, ITEM, DeleteState.IDLE); // deferred: the dispose list runs it later
        t.ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.enqueue(CPU0, Irql.DISPATCH, ITEM);                 // before the rundown: legal
        t.ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.rundown(WORKER1, ITEM, true);
        t.callbackStart(WORKER0, ITEM, 1);
        long bad = t.enqueue(WORKER0, Irql.PASSIVE, ITEM);    // during the rundown: refused
        t.callbackStart(WORKER1, ITEM, 2);                   // follows from the bad enqueue: not reported again
        t.callbackEnd(WORKER1, ITEM, 2);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.USE_AFTER_DELETE, bad);
        assertThat(f.message()).contains("enqueue of 'w' (#5) on worker-0 queued after its rundown began", "m_RunningDown");
    }

    @Test
    void aCallbackQueuedBeforeTheDeleteRunsAfterItLegallyButOneThatWasNotQueuedDoesNot() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.delete(MAIN, Irql.PASSIVE, ITEM, DeleteState.QUEUED);
        t.rundown(MAIN, ITEM, true);
        t.callbackStart(WORKER0, ITEM, 1);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.CLEANUP, MAIN, Irql.PASSIVE, ITEM, 0, 0);
        long bad = t.callbackStart(WORKER1, ITEM, 2);
        t.callbackEnd(WORKER1, ITEM, 2);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.USE_AFTER_DELETE, bad);
        assertThat(f.message()).contains("after its rundown began").contains("although it was not queued then");
    }

    // FxObject::DisposeChildrenWorker reaches each child in turn: before its rundown a child still takes work
    @Test
    void anEnqueueBeforeTheItemsRundownInItsParentsDeletionIsLegalButOneOnAFreedHandleIsNot_FxObjectDisposeChildrenWorker() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.delete(MAIN, Irql.PASSIVE, DEVICE, DeleteState.IDLE);
        t.enqueue(WORKER1, Irql.PASSIVE, ITEM); // the cascade has not reached the item yet
        t.rundown(MAIN, ITEM, true);
        t.callbackStart(WORKER0, ITEM, 1);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.CLEANUP, MAIN, Irql.PASSIVE, ITEM, 0, 0);
        t.ev(EventType.DESTROY, MAIN, Irql.PASSIVE, ITEM, 0, 0);
        long bad = t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, 0);
        Result r = check(t.close());
        assertThat(r.findings()).extracting(Finding::seq).containsExactly(bad);
        assertThat(r.findings().get(0).message()).contains("a freed handle");
    }

    // ------------------------------------------------------------------ flush and delete from callbacks

    @Test
    void aFlushFromTheItemsOwnCallbackIsFlushFromOwnCallback() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        long bad = t.ev(EventType.FLUSH_START, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.ev(EventType.FLUSH_END, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.FLUSH_START, MAIN, Irql.PASSIVE, ITEM, 0, 0); // from another thread: fine
        t.ev(EventType.FLUSH_END, MAIN, Irql.PASSIVE, ITEM, 0, 0);
        t.deleteDeviceAndEnd();
        Finding f = single(check(t.close()), Rule.FLUSH_FROM_OWN_CALLBACK, bad);
        assertThat(f.message()).contains("from its own callback on worker-0");
    }

    // FxWorkItem::FlushAndRundown waits unless it runs on m_WorkItemThread, which the later instance took
    @Test
    void aDeleteFromAnEarlierInstanceWhileALaterOneStartedWaitsOnItself_FxWorkItemFlushAndRundown() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.enqueue(WORKER0, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER1, ITEM, 2);
        t.delete(WORKER0, Irql.PASSIVE, ITEM, DeleteState.RUNNING_OWN_CALLBACK);
        long bad = t.rundown(WORKER0, ITEM, true);
        t.callbackEnd(WORKER1, ITEM, 2);
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, FailureKind.DEADLOCK.id());
        Finding f = single(check(t.close()), Rule.DELETE_WAITS_ON_ITSELF, bad);
        assertThat(f.thread()).isEqualTo("worker-0");
        assertThat(f.message()).contains("m_WorkItemThread is worker-1");
    }

    // FxWorkItem::WorkItemThunk clears m_WorkItemThread after every instance, the earlier one's too
    @Test
    void aFlushFromALaterInstanceAfterAnEarlierOneReturnedWaitsOnItself_FxWorkItemWorkItemThunk() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.enqueue(WORKER0, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER1, ITEM, 2);
        t.callbackEnd(WORKER0, ITEM, 1);
        long bad = t.ev(EventType.FLUSH_START, WORKER1, Irql.PASSIVE, ITEM, 0, 0);
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, FailureKind.DEADLOCK.id());
        Finding f = single(check(t.close()), Rule.DELETE_WAITS_ON_ITSELF, bad);
        assertThat(f.message()).contains("m_WorkItemThread is none");
    }

    @Test
    void aDeleteFromTheLatestInstanceOfItsOwnCallbackIsFine() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.delete(WORKER0, Irql.PASSIVE, ITEM, DeleteState.RUNNING_OWN_CALLBACK);
        t.rundown(WORKER0, ITEM, false);
        t.ev(EventType.CLEANUP, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.DESTROY, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.deleteDeviceAndEnd();
        assertThat(check(t.close()).findings()).isEmpty();
    }

    // FxWorkItem::FlushAndRundown: deleting the parent from the child's callback, on its m_WorkItemThread, does not wait
    @Test
    void deletingTheParentFromTheCallbackOfItsChildOnItsWorkItemThreadIsFine_FxWorkItemFlushAndRundown() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.delete(WORKER0, Irql.PASSIVE, DEVICE, DeleteState.IDLE);
        t.rundown(WORKER0, ITEM, false);
        t.ev(EventType.CLEANUP, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.DESTROY, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, 0);
        assertThat(check(t.close()).findings()).isEmpty();
    }

    // ------------------------------------------------------------------ leaks

    @Test
    void aWorkItemNeverDeletedInACompleteTraceIsLeakedAtItsCreateEvent() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        t.callbackEnd(WORKER0, ITEM, 1);
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, 0);
        Path dir = t.close();
        long created = createSeq(dir);
        Result r = check(dir);
        Finding f = single(r, Rule.LEAKED_WORK_ITEM, created);
        assertThat(f.message()).contains("neither deleted nor destroyed");
        assertThat(r.leaksChecked()).isTrue();
    }

    @Test
    void aRecordingStoppedBeforeItsRunEndedLeaksNothing() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM); // closed cleanly (Ctrl-C), but no run_end: the deletes never came
        Result r = check(t.close());
        assertThat(r.truncated()).isFalse();
        assertThat(r.count(Rule.LEAKED_WORK_ITEM.verifierName())).isZero();
        assertThat(r.leaksChecked()).isFalse();
    }

    @Test
    void aLeakTheRuntimeRecordedAtShutdownIsReportedOnceAtTheCreateEvent() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        long recorded = t.violation(MAIN, Irql.PASSIVE, Rule.LEAKED_WORK_ITEM, ITEM, "work item 'w' (#5) was neither deleted ...");
        t.ev(EventType.RUN_END, MAIN, Irql.PASSIVE, 0, 0, FailureKind.VIOLATION.id());
        Path dir = t.close();
        Finding f = single(check(dir), Rule.LEAKED_WORK_ITEM, createSeq(dir));
        assertThat(f.source()).isEqualTo(Source.BOTH);
        assertThat(f.message()).endsWith("recorded it at event " + recorded + ")");
    }

    @Test
    void aTruncatedTraceReportsNoLeaks() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        Result r = check(t.abandon());
        assertThat(r.truncated()).isTrue();
        assertThat(r.truncationNote()).startsWith("incomplete after event"); // abandoned, not dead: its writer is alive
        assertThat(r.leaksChecked()).isFalse();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aRunTheEngineStoppedReportsNoLeaks() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.ev(EventType.RUN_END, 0, Irql.PASSIVE, 0, 0, FailureKind.DEADLOCK.id());
        Result r = check(t.close());
        assertThat(r.leaksChecked()).isFalse();
        assertThat(r.findings()).isEmpty();
    }

    private static long createSeq(Path dir) {
        try (TraceReader r = TraceReader.open(dir)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                if (c.type() == EventType.WORKITEM_CREATE) {
                    return c.seq();
                }
            }
        }
        throw new AssertionError("no workitem_create");
    }

    // ------------------------------------------------------------------ budgets

    private Path timedTrace() {
        HandTrace t = HandTrace.standard(tmp.resolve("timed"));
        t.at(1_000).ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        t.at(21_000).ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);            // 20 us
        t.at(30_000).ev(EventType.ISR_START, ISR0, Irql.DIRQL, INTERRUPT, 0, 0);
        t.at(60_000).ev(EventType.ISR_END, ISR0, Irql.DIRQL, INTERRUPT, 0, 1);            // 30 us
        t.at(100_000).ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(190_000).ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);        // 90 us
        t.at(200_000).ev(EventType.DPC_START, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);
        t.at(350_000).ev(EventType.DPC_END, CPU0, Irql.DISPATCH, INTERRUPT, 0, 0);        // 150 us
        t.deleteDeviceAndEnd();
        return t.close();
    }

    @Test
    void dpcsAndIsrsOverMicrosoftsBudgetsAreWarnings() {
        Result r = check(timedTrace());
        assertThat(r.findings()).extracting(Finding::rule).containsExactly(TraceCheck.ISR_BUDGET, TraceCheck.DPC_BUDGET);
        assertThat(r.findings()).allMatch(f -> f.severity() == Severity.WARNING);
        assertThat(r.warnings()).isEqualTo(2);
        assertThat(r.errors()).isZero();
        assertThat(r.findings().get(0).message()).contains("ran 30.0us").contains("budget of 25.0us");
        assertThat(r.findings().get(1).message()).contains("ran 150us").contains("budget of 100us");
        assertThat(r.failsAt(Severity.ERROR)).as("warnings alone do not fail a check").isFalse();
        assertThat(r.failsAt(Severity.WARNING)).isTrue();
    }

    @Test
    void budgetsAreConfigurable() {
        Path dir = timedTrace();
        assertThat(check(dir, Options.defaults().withIsrBudgetNanos(40_000).withDpcBudgetNanos(200_000)).findings()).isEmpty();
        assertThat(check(dir, Options.defaults().withDpcBudgetNanos(50_000)).count(TraceCheck.DPC_BUDGET)).isEqualTo(2);
        assertThat(check(dir, Options.defaults().withIsrBudgetNanos(0)).count(TraceCheck.ISR_BUDGET)).isEqualTo(2);
        assertThat(check(dir, Options.defaults().withoutBudgets()).clean()).isTrue();
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Options.defaults().withDpcBudgetNanos(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dpcBudgetNanos must be >= 0, got -5");
        assertThatThrownBy(() -> Options.defaults().withMaxFindings(-1)).hasMessageContaining("got -1");
    }

    // ------------------------------------------------------------------ reporting

    @Test
    void anOfflineFindingAndTheViolationRecordedForItAreReportedOnceAndOtherViolationsAsRecorded() {
        HandTrace t = HandTrace.standard(tmp.resolve("t"));
        t.enqueue(MAIN, Irql.PASSIVE, ITEM);
        t.callbackStart(WORKER0, ITEM, 1);
        long flush = t.ev(EventType.FLUSH_START, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        long recorded = t.violation(WORKER0, Irql.PASSIVE, Rule.FLUSH_FROM_OWN_CALLBACK, ITEM, "flush from own callback");
        t.ev(EventType.FLUSH_END, WORKER0, Irql.PASSIVE, ITEM, 0, 0);
        t.callbackEnd(WORKER0, ITEM, 1);
        long other = t.violation(MAIN, Irql.PASSIVE, Rule.INCOMPATIBLE_EXECUTION_LEVEL, DEVICE, "scope Device at DISPATCH");
        t.deleteDeviceAndEnd();
        Result r = check(t.close());
        assertThat(r.findings()).extracting(Finding::seq, Finding::rule, Finding::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple(flush, "FlushFromOwnCallback", Source.BOTH),
                org.assertj.core.groups.Tuple.tuple(other, "IncompatibleExecutionLevel", Source.RECORDED));
        assertThat(r.findings().get(0).message()).endsWith("(the runtime's verifier recorded it at event " + recorded + ")");
        assertThat(r.findings().get(1).message()).isEqualTo("scope Device at DISPATCH"); // the rule prefix is not repeated
        assertThat(r.findings().get(1).line()).isEqualTo("event " + other
                + ": ERROR IncompatibleExecutionLevel 'dev0' (#2) on main: scope Device at DISPATCH");
    }

    @Test
    void findingsBeyondTheCapAreCountedNotKept() {
        Result r = check(timedTrace(), Options.defaults().withIsrBudgetNanos(0).withDpcBudgetNanos(0).withMaxFindings(3));
        assertThat(r.findings()).hasSize(3);
        assertThat(r.omitted()).isEqualTo(1);
        assertThat(r.count(TraceCheck.ISR_BUDGET) + r.count(TraceCheck.DPC_BUDGET)).isEqualTo(4);
    }
}
