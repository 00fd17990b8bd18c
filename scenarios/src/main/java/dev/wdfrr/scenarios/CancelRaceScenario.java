package dev.wdfrr.scenarios;

/**
 * <b>Buggy</b>: the echo AutoSync sample as shipped, whose timer sets AutomaticSerialization to
 * FALSE although its comments rely on the queue lock. A CancelIo whose cancel routine completes
 * the current request between the timer's read of it and the timer's unmark leaves the timer
 * unmarking and completing a completed request.
 */
public final class CancelRaceScenario extends EchoDriver {
    @Override
    public String id() {
        return "cancel-race";
    }

    @Override
    public String description() {
        return "BUGGY: the echo sample as shipped (timer not serialized): a cancel routine and the timer both complete the current request";
    }

    @Override
    public boolean buggy() {
        return true;
    }

    @Override
    boolean serializedTimer() {
        return false;
    }
}
