package dev.wdfrr.tracer;

import dev.wdfrr.runtime.Rule;

import dev.wdfrr.tracer.internal.FindingLog;
import dev.wdfrr.tracer.internal.OfflineVerifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a recorded trace against the framework's verifier rules and latency budgets, offline
 * and in one streaming pass: memory follows the objects, threads and locks alive at once, never
 * the length of the trace.
 *
 * <p>What is checked (see wdf-semantics.md for the rules themselves):
 * <ul>
 * <li>{@code KmdfIrql}: work-item create, enqueue and delete above DISPATCH, flush above PASSIVE,
 *     spin-lock acquire above DISPATCH and wait-lock acquire above APC (PASSIVE for a
 *     passive-level interrupt's lock). An acquire records the level after raising; a spin lock
 *     raises to DISPATCH, so a recorded DIRQL means the caller was at DIRQL, and a wait lock does
 *     not raise. The wait-lock timeout is not traced, so APC (legal with a zero timeout) is
 *     accepted. Interrupt and callback locks, queue-DPC and get-parent have nothing to check.</li>
 * <li>{@code WdfSpinlock}/{@code WdfWaitlock}/{@code WdfInterruptLock}: acquire and release of one
 *     lock alternate, the release comes from the holder, and nothing taken inside an ISR, DPC or
 *     callback is still held when it ends.</li>
 * <li>{@code UseAfterDelete}: enqueue, flush, delete, or a callback that was not queued, after the
 *     item or an ancestor was deleted. A callback queued before the delete, the end of a running
 *     instance, cleanup and destroy are legal after it.</li>
 * <li>{@code FlushFromOwnCallback}: a flush from a thread running the item's latest instance.</li>
 * <li>{@code DeleteWaitsOnItself}: a delete or flush of an item from a thread running an earlier
 *     instance of it while another thread started a later one; or the delete of an object from
 *     the callback of a work item below it.</li>
 * <li>{@code LeakedWorkItem}: a work item created and neither deleted (itself or through an
 *     ancestor) nor destroyed by the end; only for a complete trace of a run that reached its
 *     shutdown. Such findings name the create event.</li>
 * <li>{@link #DPC_BUDGET} and {@link #ISR_BUDGET} (warnings): a DPC or ISR that ran longer than
 *     its budget, in the trace's time (modelled time for the deterministic engine).</li>
 * <li>{@link #RUN_FAILED} (an error): the run's failure event — a broken invariant, an exception,
 *     a deadlock, the step limit — as the runtime recorded it.</li>
 * <li>{@link #DATA_RACE}: two accesses to one traced cell or device register from two threads,
 *     at least one a write, that happens-before does not order ({@link RaceReport}); found in a
 *     schedule that passed too. Each names both accesses: event numbers, threads, call sites.</li>
 * </ul>
 * {@code IncompatibleExecutionLevel} leaves no event to check offline. Every {@code violation}
 * event the runtime recorded is reported too; when it is the same thing as an offline finding
 * (same rule, thread and object, at adjacent events of that thread; for leaks, the same item)
 * the two are reported once, as {@link Source#BOTH}.
 *
 * <p>Read the trace from its start: a check of a reader positioned by {@link TraceReader#seek}
 * misses what came before and skips what it cannot decide.
 */
public final class TraceCheck {
    /** Rule name of a DPC over its budget. */
    public static final String DPC_BUDGET = "DpcBudget";
    /** Rule name of an ISR over its budget. */
    public static final String ISR_BUDGET = "IsrBudget";
    /** Rule name of the run's own failure, as recorded (a broken invariant, an exception, a deadlock…). */
    public static final String RUN_FAILED = "RunFailed";
    /** Rule name of a data race. */
    public static final String DATA_RACE = "DataRace";

    private TraceCheck() {
    }

    /** How bad a finding is. */
    public enum Severity {
        /** A verifier rule is broken: the driver has a bug. */
        ERROR,
        /** A guideline is exceeded (a latency budget). */
        WARNING
    }

    /** Who found it. */
    public enum Source {
        /** This offline check. */
        OFFLINE,
        /** The runtime's verifier, as a violation event in the trace. */
        RECORDED,
        /** Both: one offline finding that the runtime recorded too. */
        BOTH
    }

    /**
     * One problem.
     *
     * @param seq        the event it is about (for a leak, the item's create event)
     * @param rule       the verifier's rule name ({@code KmdfIrql}, …) or a budget rule
     * @param object     the object's id, or 0 when the finding names none
     * @param objectName its name, or empty when the finding names no object
     * @param thread     the name of the thread that made the event
     */
    public record Finding(long seq, String rule, Severity severity, int object, String objectName, String thread,
                          String message, Source source) {
        /** This offline finding, noting that the runtime recorded it too at event {@code recordedSeq}. */
        public Finding confirmedBy(long recordedSeq) {
            return new Finding(seq, rule, severity, object, objectName, thread,
                    message + " (the runtime's verifier recorded it at event " + recordedSeq + ")", Source.BOTH);
        }

        /** Whose rule it is: {@code framework}, {@code static-driver-verifier}, {@code wdfrr}, {@code guidance} (a budget), or {@code run} (the run's failure). */
        public String origin() {
            return TraceCheck.origin(rule);
        }

        /** What the real driver does where this finding is (a verifier break, a hang, a bug check). */
        public String realBehavior() {
            return TraceCheck.realBehavior(rule);
        }

        /** {@code event 19: ERROR DeleteWaitsOnItself 'poll' (#4) on worker-1: …}. */
        public String line() {
            String what = object == 0 ? "" : " '" + objectName + "' (#" + object + ")";
            return "event " + seq + ": " + severity + " " + rule + what + " on " + thread + ": " + message;
        }
    }

    /** Whose rule {@code rule} is: see {@link Finding#origin()}; {@code run} for {@link #RUN_FAILED}. */
    public static String origin(String rule) {
        Rule r = Rule.ofName(rule);
        if (r != null) {
            return r.origin().label();
        }
        if (RUN_FAILED.equals(rule)) {
            return "run";
        }
        if (DATA_RACE.equals(rule)) {
            return "wdfrr";
        }
        return DPC_BUDGET.equals(rule) || ISR_BUDGET.equals(rule) ? "guidance" : "unknown";
    }

    /** What the real driver does where {@code rule} fires; see {@link Rule#realBehavior()}. */
    public static String realBehavior(String rule) {
        Rule r = Rule.ofName(rule);
        if (r != null) {
            return r.realBehavior();
        }
        if (DATA_RACE.equals(rule)) {
            return "no error at once: the two accesses happen in either order, so some runs lose an update or read a "
                    + "torn value; the framework does not detect it";
        }
        if (RUN_FAILED.equals(rule)) {
            return "what the run's own failure says: the driver code broke its invariant or threw, or the threads hung "
                    + "(a deadlock: the real driver hangs there too)";
        }
        if (DPC_BUDGET.equals(rule) || ISR_BUDGET.equals(rule)) {
            return "nothing fails at once: a long " + (DPC_BUDGET.equals(rule) ? "DPC" : "ISR")
                    + " delays every other DPC and ISR on its CPU, and past the DPC watchdog's limit the system bug checks (0x133)";
        }
        return "";
    }

    /**
     * One line per rule that fired, saying whose check it is and what the real driver does, so
     * that a report wdfrr makes to be helpful is never mistaken for the framework's behaviour.
     */
    public static List<String> ruleNotes(Result result) {
        List<String> notes = new ArrayList<>();
        for (String rule : result.countsByRule().keySet()) {
            String whose = switch (origin(rule)) {
                case "framework" -> "the framework's own check";
                case "static-driver-verifier" -> "a Static Driver Verifier rule";
                case "wdfrr" -> "wdfrr's own report, not the framework's";
                case "guidance" -> "Microsoft's latency guidance";
                case "run" -> "the run's own outcome";
                default -> "an unknown rule";
            };
            notes.add(rule + " (" + whose + "). Real driver: " + realBehavior(rule));
        }
        return notes;
    }

    /**
     * Options of a check.
     *
     * @param dpcBudgetNanos longest DPC that is not reported; {@link #NO_BUDGET} turns the check off
     * @param isrBudgetNanos longest ISR that is not reported; {@link #NO_BUDGET} turns the check off
     * @param maxFindings    findings kept in full; the rest are counted only
     */
    public record Options(long dpcBudgetNanos, long isrBudgetNanos, int maxFindings) {
        /** Microsoft's guidance: a DPC should not run longer than 100 µs. */
        public static final long DEFAULT_DPC_BUDGET_NANOS = 100_000;
        /** Microsoft's guidance: an ISR should not run longer than 25 µs. */
        public static final long DEFAULT_ISR_BUDGET_NANOS = 25_000;
        public static final int DEFAULT_MAX_FINDINGS = 10_000;
        /** A budget that nothing exceeds. */
        public static final long NO_BUDGET = Long.MAX_VALUE;

        public Options {
            if (dpcBudgetNanos < 0) {
                throw new IllegalArgumentException("dpcBudgetNanos must be >= 0, got " + dpcBudgetNanos);
            }
            if (isrBudgetNanos < 0) {
                throw new IllegalArgumentException("isrBudgetNanos must be >= 0, got " + isrBudgetNanos);
            }
            if (maxFindings < 0) {
                throw new IllegalArgumentException("maxFindings must be >= 0, got " + maxFindings);
            }
        }

        /** 100 µs per DPC, 25 µs per ISR, 10,000 findings kept. */
        public static Options defaults() {
            return new Options(DEFAULT_DPC_BUDGET_NANOS, DEFAULT_ISR_BUDGET_NANOS, DEFAULT_MAX_FINDINGS);
        }

        public Options withDpcBudgetNanos(long nanos) {
            return new Options(nanos, isrBudgetNanos, maxFindings);
        }

        public Options withIsrBudgetNanos(long nanos) {
            return new Options(dpcBudgetNanos, nanos, maxFindings);
        }

        public Options withMaxFindings(int n) {
            return new Options(dpcBudgetNanos, isrBudgetNanos, n);
        }

        /** The verifier rules only. */
        public Options withoutBudgets() {
            return new Options(NO_BUDGET, NO_BUDGET, maxFindings);
        }
    }

    /**
     * What a check found.
     *
     * @param findings         in event order, at most {@link Options#maxFindings()}
     * @param countsByRule     findings per rule name (all of them, kept or not), rules in name order
     * @param omitted          findings counted but not kept
     * @param errors           findings of severity {@link Severity#ERROR}
     * @param warnings         findings of severity {@link Severity#WARNING}
     * @param events           events read, names included
     * @param truncated        the trace has no end mark (its writer died)
     * @param truncationNote   "truncated after event N …", or null
     * @param leaksChecked     false when leaks could not be judged: a truncated trace, or a run
     *                         the engine stopped before its shutdown
     * @param raceNote         why the race analysis stopped before the end (a limit), or null
     */
    public record Result(List<Finding> findings, Map<String, Long> countsByRule, long omitted, long errors,
                         long warnings, long events, boolean truncated, String truncationNote, boolean leaksChecked,
                         String raceNote) {
        public Result {
            findings = List.copyOf(findings);
            countsByRule = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(countsByRule));
        }

        /** No finding at all. */
        public boolean clean() {
            return errors == 0 && warnings == 0;
        }

        /** Whether the check fails at {@code threshold}: any error, or (at WARNING) any finding at all. */
        public boolean failsAt(Severity threshold) {
            return errors > 0 || threshold == Severity.WARNING && warnings > 0;
        }

        /** Findings of one rule. */
        public long count(String rule) {
            return countsByRule.getOrDefault(rule, 0L);
        }
    }

    /** Checks the rest of the trace with the default options. */
    public static Result check(TraceReader reader) {
        return check(reader, Options.defaults());
    }

    /**
     * Reads the rest of the trace and checks it.
     *
     * @throws TraceException when the trace is corrupt
     */
    public static Result check(TraceReader reader, Options options) {
        FindingLog log = new FindingLog(options.maxFindings());
        OfflineVerifier verifier = new OfflineVerifier(reader.names(), log, options.dpcBudgetNanos(), options.isrBudgetNanos());
        RaceReport.Session races = new RaceReport.Session(reader.names(), Math.max(options.maxFindings(), 1));
        EventCursor c = new EventCursor();
        long events = 0;
        try {
            while (reader.next(c)) {
                events++;
                verifier.accept(c);
                races.accept(c);
                for (RaceReport.Race r : races.drain()) {
                    log.offline(c.thread(), new Finding(r.later().seq(), DATA_RACE, Severity.ERROR, r.object(),
                            reader.names().object(r.object()), r.later().thread(), r.line(), Source.OFFLINE));
                }
            }
        } catch (TraceLimitException e) {
            throw new TraceLimitException(reader.directory() + ": " + e.getMessage());
        }
        boolean truncated = reader.truncated();
        boolean leaksChecked = verifier.finish(!truncated);
        return new Result(log.findings(), log.counts(), log.omitted(), log.errors(), log.warnings(), events, truncated,
                reader.truncationNote().orElse(null), leaksChecked,
                races.stopped());
    }
}
