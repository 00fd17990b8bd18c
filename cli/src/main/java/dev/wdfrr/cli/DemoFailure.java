package dev.wdfrr.cli;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.viewer.FailureReport;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo's second half, the story of a bug: explore the buggy lost-update scenario until a
 * schedule fails, shrink it, replay it, print its interleaving thread by thread and what led to
 * the failure, and draw its step-ordered timeline. Each step runs the real command and shows it
 * first, so the user can type it again.
 */
final class DemoFailure {
    static final String SCENARIO = "lost-update";

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path failure;
    private final Path shrunk;
    private final Path timeline;

    /** @param demoTrace the demo's live trace; the failure's traces and picture go beside it */
    DemoFailure(PrintWriter out, PrintWriter err, Path demoTrace) {
        this.out = out;
        this.err = err;
        this.failure = demoTrace.resolveSibling(demoTrace.getFileName() + "-failure");
        this.shrunk = failure.resolveSibling(failure.getFileName() + "-shrunk");
        this.timeline = demoTrace.resolveSibling(demoTrace.getFileName() + "-failure-timeline.png");
    }

    /** Refuses, before anything runs, to replace what is not the demo's own. */
    void checkReplaceable() {
        for (Path p : new Path[]{failure, shrunk}) {
            if (Files.exists(p)) {
                DemoCommand.requireDemoTrace(p, SCENARIO);
            }
        }
        if (Files.exists(timeline) && !Files.isRegularFile(timeline)) {
            throw new UserError(timeline + " exists and is not the demo's picture: move it or use -o");
        }
    }

    /** Tells the story; returns whether the failure was found and reproduced. */
    boolean run() {
        out.println("Now a bug. lost-update's two DPCs, on two CPUs, add to a shared statistics register without a lock;");
        out.println("most schedules are fine. Exploring schedules until one loses an update, then shrinking it:");
        if (command("explore", SCENARIO, "--shrink", "-o", failure.toString(), "--force") != Errors.FINDING) {
            out.println("no failing schedule found (it usually shows up within a hundred)");
            return false;
        }
        out.println();
        out.println("Replaying the shrunk schedule: the same failure, every time.");
        boolean reproduced = command("replay", shrunk.toString()) == 0;
        out.println();
        out.println("The interleaving, one column per thread, from the first interrupt on:");
        command("dump", shrunk.toString(), "--threads", "--from", Long.toString(firstArrival(shrunk)));
        out.println();
        String led = FailureReport.of(shrunk).whatLedHere();
        if (!led.isEmpty()) {
            out.print(led);
            out.println();
        }
        out.println("Its step-ordered timeline, one column per event, what led to the failure highlighted:");
        command("chart", shrunk.toString(), "--kind", "timeline", "-o", timeline.toString(), "--force");
        return reproduced;
    }

    /** Runs one wdfrr command as the user would, showing it first; returns its exit code. */
    private int command(String... args) {
        out.println("$ " + Wdfrr.self() + " " + String.join(" ", args));
        out.flush();
        CommandLine cl = Wdfrr.commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int exit = cl.execute(args);
        out.flush();
        return exit;
    }

    /** Where the story starts: the first arrival at a device (what comes before it is set-up). */
    private static long firstArrival(Path trace) {
        try (TraceReader r = TraceReader.open(trace)) {
            EventCursor c = new EventCursor();
            while (r.next(c)) {
                if (c.type() == EventType.ARRIVAL || c.type() == EventType.INTERRUPT) {
                    return c.seq();
                }
            }
        } catch (TraceException e) {
            throw new UserError(e.getMessage(), e);
        }
        return 0;
    }

    Path timeline() {
        return timeline;
    }

    Path shrunk() {
        return shrunk;
    }
}
