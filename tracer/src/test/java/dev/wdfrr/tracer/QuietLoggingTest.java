package dev.wdfrr.tracer;

import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunInfo;
import dev.wdfrr.runtime.event.NameKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A driver developer's test project usually has no SLF4J provider. Writing and reading a trace
 * there must print nothing: Chronicle binds SLF4J on its first use, and SLF4J would warn that
 * it found no provider (see {@code internal/ChronicleLogging}).
 */
@Timeout(120)
class QuietLoggingTest {
    @TempDir
    Path tmp;

    @Test
    void withoutAnySlf4jProviderATraceIsWrittenAndReadWithoutAWord() throws Exception {
        String withoutProvider = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j-nop"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(withoutProvider).as("the test class path has SLF4J's API").contains("slf4j-api");
        try (ChildJvm child = new ChildJvm(withoutProvider, List.of(), Child.class, tmp.resolve("t").toString())) {
            int exit = child.waitFor(90);
            String output = child.rest(5);
            assertThat(output).isEqualTo("events 2\n");
            assertThat(exit).isZero();
        }
    }

    /** Writes a two-event trace and reads it back; prints only the count. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            try (TraceWriter w = TraceWriter.create(dir, false)) {
                w.begin(new RunInfo("quiet", "quiet", "none", Map.of(), EngineKind.DETERMINISTIC, 1, "none", 1, 1, 1, 0, "jvm", "os"));
                w.name(0, 0, 0, NameKind.THREAD, 0, "main");
                w.name(1, 0, 0, NameKind.STRING, 1, "hello");
            }
            try (TraceReader r = TraceReader.open(dir)) {
                EventCursor c = new EventCursor();
                long n = 0;
                while (r.next(c)) {
                    n++;
                }
                System.out.print("events " + n);
            }
        }
    }
}
