package dev.wdfrr.cli;

/** Entry point of the {@code wdfrr} jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Wdfrr.commandLine().execute(args));
    }
}
