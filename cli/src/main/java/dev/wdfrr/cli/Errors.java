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
            err.println("wdfrr: " + oneLine(ex.getMessage()));
            err.println("Try 'wdfrr " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
            if (java.util.Arrays.asList(args).contains("--verbose")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return BAD_INPUT;
        }
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
