package dev.wdfrr.cli;

import java.util.Arrays;

/** Entry point of the {@code wdfrr} jar. */
public final class Main {
    private Main() {
    }

    /**
     * wdfrr never needs a host name resolved, but AWT's font configuration (charts, the viewer)
     * asks for this host's own name, {@code InetAddress.getLocalHost()}, and a host whose name is
     * not in /etc/hosts then queries DNS. The JDK's resolver is pointed at an empty hosts file
     * instead, before anything loads {@code InetAddress}: such a look-up fails at once, without a
     * packet (AWT then uses "localhost").
     */
    static void noHostLookups() {
        System.setProperty("jdk.net.hosts.file", "/dev/null");
    }

    public static void main(String[] args) {
        noHostLookups();
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // A JVM out of memory (or of stack) on any thread is one line and exit 2, never a trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof VirtualMachineError vme) {
                Errors.outOfResources(vme, verbose);
                Runtime.getRuntime().halt(Errors.BAD_INPUT);
            }
            System.err.println("Exception in thread \"" + thread.getName() + "\" " + e);
            if (verbose) {
                e.printStackTrace();
            }
        });
        picocli.CommandLine cl = Wdfrr.commandLine();
        cl.setOut(TerminalOutput.stdout());
        // Plain help: the output escapes control characters, ANSI colours included.
        cl.setColorScheme(picocli.CommandLine.Help.defaultColorScheme(picocli.CommandLine.Help.Ansi.OFF));
        int exit;
        try {
            exit = cl.execute(args);
            cl.getOut().flush();
        } catch (TerminalOutput.Closed e) {
            exit = Errors.OUTPUT_CLOSED;
        } catch (VirtualMachineError e) {
            Errors.outOfResources(e, verbose);
            exit = Errors.BAD_INPUT;
        }
        System.exit(exit);
    }
}
