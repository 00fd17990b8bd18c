package dev.wdfrr.cli;

import dev.wdfrr.runtime.internal.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wdfrr} command: record, replay, explore and look at work-item schedules. */
@Command(name = "wdfrr", mixinStandardHelpOptions = true, versionProvider = Wdfrr.VersionProvider.class,
        description = "Record and replay debugging for WDF-style work-item concurrency.",
        subcommands = {DemoCommand.class, ScenariosCommand.class, RecordCommand.class, ReplayCommand.class, ExploreCommand.class,
                DumpCommand.class, StatsCommand.class, CheckCommand.class, DiffCommand.class, ExportCommand.class,
                ViewCommand.class, ChartCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a finding (failure found, replay diverged, violations), 2 bad input or usage."})
public final class Wdfrr implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A configured command line; tests call {@code execute} on it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Wdfrr());
        cl.setParameterExceptionHandler(new Errors.BadUsage());
        cl.setExecutionExceptionHandler(new Errors.Failure());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpLayout.install(cl);
        return cl;
    }

    /**
     * How the user runs wdfrr, for the commands it prints: {@code ./wdfrr} through the launcher
     * in the checkout, {@code wdfrr} once it is on the PATH (the launcher tells which), else the
     * plain name.
     */
    static String self() {
        String s = System.getProperty("wdfrr.command", "wdfrr").strip();
        return s.isEmpty() ? "wdfrr" : s;
    }

    /** {@code wdfrr} alone: the usage, on stderr, and exit 2 (a command is missing). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return Errors.BAD_INPUT;
    }

    /** Prints the version and the git commit the jar was built from. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties git = new java.util.Properties();
            try (java.io.InputStream in = Wdfrr.class.getResourceAsStream("git.properties")) {
                if (in != null) {
                    git.load(in);
                }
            } catch (java.io.IOException e) {
                // no commit recorded: say so below
            }
            String commit = git.getProperty("git.commit.id.abbrev", "unknown");
            String dirty = "true".equals(git.getProperty("git.dirty")) ? " (with local changes)" : "";
            return new String[]{"wdfrr " + Version.get() + ", commit " + commit + dirty,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
