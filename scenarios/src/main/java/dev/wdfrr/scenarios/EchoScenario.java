package dev.wdfrr.scenarios;

/**
 * The echo sample's AutoSync shape with its timer serialized with the queue, as the sample's
 * comments intend: the timer, the I/O callbacks and the cancel routine never overlap.
 */
public final class EchoScenario extends EchoDriver {
    @Override
    public String id() {
        return "echo";
    }

    @Override
    public String description() {
        return "the echo sample (general/echo/kmdf AutoSync): sequential queue, cancelable current request completed by a queue-serialized timer or by its cancel routine, stop/restart and removal; checks every request completes once";
    }

    @Override
    boolean serializedTimer() {
        return true;
    }
}
