package dev.wdfrr.cli;

import dev.wdfrr.runtime.RunResult;

/**
 * A run of a user's code that failed because a class was missing is a classpath problem, not a
 * finding: it is reported as bad input naming the class, never as a failure or a divergence.
 */
final class ClasspathProblems {
    private ClasspathProblems() {
    }

    /** @throws UserError when the run failed for want of a class */
    static void check(RunResult result, String classpath) {
        for (Throwable t = result.cause(); t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                String missing = t.getMessage() == null ? "a class" : "class " + t.getMessage().replace('/', '.');
                throw new UserError("the scenario's code needs " + missing + ", which is not on "
                        + (classpath == null ? "wdfrr's classpath" : "--classpath")
                        + ": give the test's whole runtime classpath (a failing @WdfTest writes it to replay.args beside its trace)", t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
    }
}
