package dev.wdfrr.junit.internal;

/** Per test method, in the extension store: its settings and whether an iteration failed. */
final class TestState {
    private final WdfTestExtension.Settings settings;
    private volatile boolean failed;

    TestState(WdfTestExtension.Settings settings) {
        this.settings = settings;
    }

    WdfTestExtension.Settings settings() {
        return settings;
    }

    boolean failed() {
        return failed;
    }

    void markFailed() {
        failed = true;
    }
}
