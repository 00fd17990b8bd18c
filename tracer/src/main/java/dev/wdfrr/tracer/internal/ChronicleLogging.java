package dev.wdfrr.tracer.internal;

import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.ServiceLoader;

/**
 * Chronicle Queue logs through SLF4J and binds it as soon as its first class loads. In a
 * project with no SLF4J provider (a driver developer's test project that has JUnit and AssertJ,
 * nothing else), SLF4J then prints three "No SLF4J providers were found" warning lines into
 * every test run, for nothing: without a provider it logs nowhere anyway.
 *
 * <p>The choice made here: a project that configured SLF4J (any provider on the class path, or
 * {@code slf4j.provider} set) keeps its own logging, and Chronicle's messages go there as the
 * project decides. A project that did not gets the same no-operation logger SLF4J would pick,
 * without the warning. The command-line jar ships {@code slf4j-nop}: its users see wdfrr's own
 * one-line messages, not Chronicle's internals.
 */
public final class ChronicleLogging {
    private static final String VERBOSITY = "slf4j.internal.verbosity";

    static {
        bindQuietlyWhenNoProvider();
    }

    private ChronicleLogging() {
    }

    /** Call before the first use of a Chronicle class; the work happens once, on class load. */
    public static void init() {
        // the static initializer did it
    }

    private static void bindQuietlyWhenNoProvider() {
        if (System.getProperty("slf4j.provider") != null || System.getProperty(VERBOSITY) != null
                || ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader()).iterator().hasNext()) {
            return;
        }
        // SLF4J reads its reporting level once, when it binds; raise it for that moment only.
        System.setProperty(VERBOSITY, "ERROR");
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            System.clearProperty(VERBOSITY);
        }
    }
}
