package dev.wdfrr.runtime.internal;

/**
 * Finds where in driver code a runtime call came from: the first frame outside the runtime,
 * as {@code Class.method(File.java:line)} (the class without its package; the file and line
 * tell it apart). One stack walk per call, which is why a run can turn call sites off.
 */
final class CallSites {
    private static final StackWalker WALKER = StackWalker.getInstance();
    /** The runtime's own packages: its implementation, and API interfaces whose default methods call it. */
    private static final String[] RUNTIME = {"dev.wdfrr.runtime.internal.", "dev.wdfrr.runtime.mem.", "dev.wdfrr.runtime.wdf.",
        "dev.wdfrr.runtime.hw.", "dev.wdfrr.runtime.event.", "dev.wdfrr.runtime.engine."};

    private CallSites() {
    }

    static String caller() {
        return WALKER.walk(frames -> frames.filter(f -> !runtime(f.getClassName())).findFirst()
                .map(CallSites::format).orElse("<runtime>"));
    }

    private static boolean runtime(String className) {
        for (String p : RUNTIME) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String format(StackWalker.StackFrame f) {
        String c = f.getClassName();
        String file = f.getFileName();
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName() + "(" + (file == null ? "?" : file)
                + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "") + ")";
    }
}
