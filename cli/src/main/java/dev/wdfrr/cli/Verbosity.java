package dev.wdfrr.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} flag every command takes: show stack traces of errors. */
public final class Verbosity {
    @Option(names = "--verbose", description = "Show the stack trace of an error.")
    boolean verbose;
}
