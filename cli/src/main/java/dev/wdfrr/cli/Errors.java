package dev.wdfrr.cli;

import dev.wdfrr.runtime.ConfigurationException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Turns bad input into one line on stderr and exit code 2; a stack trace only with --verbose. */
final class Errors {
    static final int FINDING = 1;
    static final int BAD_INPUT = 2;
    /** The reader of our output closed it (a pipe into {@code head}): as a process killed by SIGPIPE. */
    static final int OUTPUT_CLOSED = 141;

    private Errors() {
    }

    static boolean verbose(CommandLine cl) {
        for (CommandLine c = cl; c != null; c = c.getParent()) {
            for (Object mixin : c.getMixins().values()) {
                if (mixin instanceof Verbosity v && v.verbose) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Unknown options, malformed values, missing arguments. */
    static final class BadUsage implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("wdfrr: " + oneLine(message(ex, cl)) + suggestion(ex, cl));
            err.println("Try '" + Wdfrr.self() + " " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
        }
    }

    /** "unknown command 'recrod'" where picocli would say "Unmatched arguments from index 0: …". */
    private static String message(CommandLine.ParameterException ex, CommandLine cl) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption() && !cl.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty()) {
            return "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        return ex.getMessage();
    }

    /** "; did you mean 'record'?" for a mistyped command, or nothing. */
    static String suggestion(CommandLine.ParameterException ex, CommandLine cl) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.isUnknownOption()
                || cl.getSubcommands().isEmpty()) {
            return "";
        }
        java.util.List<String> unmatched = u.getUnmatched();
        String typed = unmatched.isEmpty() ? "" : unmatched.get(0);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : cl.getSubcommands().keySet()) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), name);
            if (d < bestDistance || d == bestDistance && name.startsWith(typed)) {
                best = name;
                bestDistance = d;
            }
        }
        return best != null && (bestDistance <= Math.max(2, typed.length() / 3) || best.startsWith(typed) && !typed.isEmpty())
                ? "; did you mean '" + best + "'?" : "";
    }

    /** Edit distance with adjacent transpositions (Damerau–Levenshtein, optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Exceptions from a command: user errors are one line; anything else is a bug, still one line unless --verbose. */
    static final class Failure implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            if (ex instanceof TerminalOutput.Closed) {
                return OUTPUT_CLOSED; // nobody reads on: stop, quietly
            }
            PrintWriter err = cl.getErr();
            // A trace that cannot be read is the user's input, wherever in a command it shows up.
            boolean userError = ex instanceof UserError || ex instanceof ConfigurationException
                    || ex instanceof IllegalArgumentException || ex instanceof dev.wdfrr.tracer.TraceException;
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println("wdfrr " + cl.getCommandName() + ": " + (userError ? "" : "internal error: ") + oneLine(message));
            if (verbose(cl)) {
                ex.printStackTrace(err);
            } else if (!userError) {
                err.println("(run again with --verbose for the stack trace)");
            }
            err.flush();
            return BAD_INPUT;
        }
    }

    /**
     * The JVM ran out of memory or stack: one line on stderr saying so (the stack trace only with
     * --verbose). Every analysis is bounded by what its input needs, so this means the input
     * needs more than this JVM has.
     */
    static void outOfResources(VirtualMachineError e, boolean verbose) {
        String what = e instanceof OutOfMemoryError ? "out of memory (" + oneLine(e.getMessage()) + ")"
                : e instanceof StackOverflowError ? "out of stack" : "JVM error (" + oneLine(e.getMessage()) + ")";
        System.err.println("wdfrr: " + what + ": the input needs more than this JVM has; run java with a larger -Xmx"
                + (e instanceof OutOfMemoryError ? "" : " or -Xss"));
        if (verbose) {
            e.printStackTrace();
        }
        System.err.flush();
    }

    /** One line: line breaks become spaces, other control characters (a trace's text may hold them) are escaped. */
    static String oneLine(String s) {
        return s == null ? "" : TerminalOutput.escapeAll(s.replace('\n', ' ').replace('\r', ' ').trim());
    }
}
