package dev.wdfrr.junit.internal;

import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code DIR/replay.args}: what {@code wdfrr replay DIR @DIR/replay.args} needs besides the
 * trace, as a picocli argument file — the test's whole runtime classpath (its classes, the code
 * under test, JUnit, AssertJ, every library it loads). The trace itself records whether Java
 * assertions were on, and replay turns them on to match.
 */
final class ReplayArgs {
    private ReplayArgs() {
    }

    /** The file's path in a kept trace's directory. */
    static Path of(Path traceDir) {
        return traceDir.resolve(TraceWriter.REPLAY_ARGS);
    }

    static void write(Path traceDir, Class<?> testClass) {
        String text = "# wdfrr replay " + traceDir + " @" + of(traceDir) + "\n"
                + "# the runtime classpath of " + testClass.getName() + "\n"
                + "--classpath\n" + quote(classpath(testClass)) + "\n";
        try {
            Files.writeString(of(traceDir), text);
        } catch (IOException e) {
            throw new ExtensionConfigurationException("cannot write " + of(traceDir) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The test JVM's classpath: surefire's real one when it runs tests from a manifest-only jar,
     * else the JVM's; entries that do not exist are left out, and the test class's own location
     * is always in.
     */
    static String classpath(Class<?> testClass) {
        String raw = System.getProperty("surefire.test.class.path");
        if (raw == null || raw.isBlank()) {
            raw = System.getProperty("java.class.path", "");
        }
        Set<String> entries = new LinkedHashSet<>();
        location(testClass).ifPresent(entries::add);
        for (String e : raw.split(File.pathSeparator)) {
            if (!e.isBlank() && Files.exists(Path.of(e))) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, new ArrayList<>(entries));
    }

    private static java.util.Optional<String> location(Class<?> c) {
        try {
            var source = c.getProtectionDomain().getCodeSource();
            return source == null ? java.util.Optional.empty()
                    : java.util.Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().toString());
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** One picocli @-file argument: in double quotes, backslashes and quotes escaped. */
    static String quote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** For a message: the lines of a written file, without its comments. */
    static List<String> arguments(Path traceDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(of(traceDir))) {
            if (!line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }
}
