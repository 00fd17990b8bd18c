package dev.wdfrr.runtime;

import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.engine.RandomStrategy;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.MemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deterministic engine on either kind of thread: virtual threads (JDK 21+) change the speed
 * of a handoff, never the schedule. The same seed gives the same events on platform threads
 * under this JDK and on virtual threads under the other installed JDK (run as a child JVM).
 */
@Timeout(180)
class EngineThreadsTest {
    /** The JDK this build does not run on: 25 beside 17, or 17 beside 25. */
    private static Path otherJava() {
        boolean on17 = Runtime.version().feature() < 21;
        Path home = Path.of(on17 ? "/usr/lib/jvm/temurin-25-jdk-amd64" : "/usr/lib/jvm/java-17-openjdk-amd64");
        Path java = home.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no second JDK at " + home + " to compare with");
        return java;
    }

    /** A JDK with virtual threads, for the tests of what only they do. */
    private static Path java25() {
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + java);
        return java;
    }

    private static List<String> child(Path java, String... args) throws IOException, InterruptedException {
        return child(java, List.of(), args);
    }

    private static List<String> child(Path java, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrossJdkRun.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    @Test
    void theSameSeedGivesTheSameEventsOnJdk17PlatformThreadsAndJdk25VirtualThreads() throws Exception {
        Path java = otherJava();
        for (long seed : new long[]{1, 42}) {
            List<String> here = new ArrayList<>(CrossJdkRun.events(seed).stream().map(Event::toString).toList());
            List<String> there = child(java, "events", Long.toString(seed));
            assertThat(there.get(there.size() - 1)).isEqualTo(
                    "threads: " + (Runtime.version().feature() < 21 ? "VIRTUAL" : "PLATFORM"));
            assertThat(here.size()).isGreaterThan(100);
            assertThat(there.subList(0, there.size() - 1)).as("seed %d", seed).isEqualTo(here);
        }
    }

    @Test
    void aPoolOfVirtualThreadsOnACarrierOfItsOwnGivesTheSameEvents() throws Exception {
        List<String> here = CrossJdkRun.events(42).stream().map(Event::toString).toList();
        List<String> there = child(java25(), List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"), "pooled-events", "42");
        assertThat(there.get(there.size() - 1)).isEqualTo("threads: VIRTUAL");
        assertThat(there.subList(0, there.size() - 1)).isEqualTo(here);
    }

    @Test
    void aThreadBlockedOutsideTheRuntimeIsReportedAsStalledOnVirtualThreadsToo() throws Exception {
        List<String> out = child(java25(), "stall");
        assertThat(String.join("\n", out)).containsPattern("stalled outside the runtime: worker-\\d made no runtime call for 300 ms")
                .contains("blocked outside the runtime", "CountDownLatch");
    }

    @Test
    void aRunWhoseVirtualThreadsAreAllPinnedIsReportedAsStalledNamingThePinning() throws Exception {
        // One carrier, and a thread that waits for its turn inside a class initializer (pinned).
        List<String> out = child(java25(), List.of("-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1"), "pinned");
        assertThat(String.join("\n", out)).contains("stalled outside the runtime: ", " was given its turn but never ran for 300 ms",
                "every carrier of the virtual threads is pinned", "-Dwdfrr.threads=platform");
    }

    @Test
    void aRuntimeCallInAClassInitializerStillRunsWhenAnotherCarrierIsFree() throws Exception {
        assertThat(child(java25(), "pinned")).containsExactly("passed");
    }

    @Test
    void bothKindsOfCarrierGiveTheSameEventsInOneJvm() {
        assumeTrue(CarrierPool.virtualThreadsAvailable(), "this JDK has no virtual threads (the child-JVM test covers it)");
        try (CarrierPool virtual = new CarrierPool("v", CarrierPool.Kind.VIRTUAL);
             CarrierPool platform = new CarrierPool("p", CarrierPool.Kind.PLATFORM)) {
            for (long seed = 1; seed <= 20; seed++) {
                assertThat(run(virtual, seed)).as("seed %d", seed).isEqualTo(run(platform, seed));
            }
        }
    }

    private static List<Event> run(CarrierPool pool, long seed) {
        MemorySink sink = new MemorySink();
        WdfRunner.run(Scenarios.of(DeterministicEngineTest::racy), RunConfig.builder().seed(seed)
                .strategy(new RandomStrategy(seed)).carriers(pool).sink(sink).build());
        return sink.events();
    }

    @Test
    void aPoolOfPlatformCarriersReusesItsThreadsAcrossRuns() {
        try (CarrierPool pool = new CarrierPool("p", CarrierPool.Kind.PLATFORM)) {
            List<Event> first = run(pool, 7);
            for (int i = 0; i < 20; i++) {
                assertThat(run(pool, 7)).isEqualTo(first);
            }
        }
    }
}
