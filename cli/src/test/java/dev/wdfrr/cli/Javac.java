package dev.wdfrr.cli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compiles a user's classes afresh for a test (nothing crafted is committed): sources by class
 * name, into a directory of their own that is on no classpath but the one a test passes.
 */
final class Javac {
    private Javac() {
    }

    /** The test JVM's classpath (surefire's, when it runs from a manifest-only jar). */
    static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Where a class of the test classpath comes from: a directory or a jar. */
    static String locationOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Several entries joined with the path separator. */
    static String classpath(Object... entries) {
        return String.join(File.pathSeparator, Arrays.stream(entries).map(String::valueOf).toList());
    }

    /** Compiles {@code sources} (class name → source) against the test classpath into {@code out}. */
    static Path compile(Path out, Map<String, String> sources) {
        try {
            Path src = Files.createTempDirectory(out.getParent(), "src");
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", testClasspath(), "-g", "-nowarn"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            Files.createDirectories(out);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = javac.run(null, err, err, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed: " + err.toString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
