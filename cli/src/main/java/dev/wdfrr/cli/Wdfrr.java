package dev.wdfrr.cli;

import dev.wdfrr.runtime.internal.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wdfrr} command: record, replay, explore and look at work-item schedules. */
@Command(name = "wdfrr", mixinStandardHelpOptions = true, versionProvider = Wdfrr.VersionProvider.class,
        description = "Record and replay debugging for WDF-style work-item concurrency.",
        subcommands = {DemoCommand.class, ScenariosCommand.class, RecordCommand.class, ReplayCommand.class, ExploreCommand.class,
                DumpCommand.class, StatsCommand.class, DiffCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a finding (failure found, replay diverged, violations), 2 bad input or usage."})
public final class Wdfrr implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Wdfrr());
        cl.setParameterExceptionHandler(new Errors.BadUsage());
        cl.setExecutionExceptionHandler(new Errors.Failure());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints the version (and, once issue 8 lands, the git commit). */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"wdfrr " + Version.get()};
        }
    }
}
