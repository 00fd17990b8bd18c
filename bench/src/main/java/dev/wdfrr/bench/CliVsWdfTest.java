package dev.wdfrr.bench;

import dev.wdfrr.bench.junit.LostUpdateAsWdfTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Schedules per second of in-test exploration against the command line, on the same scenario
 * (the built-in {@code lost-update}: {@link LostUpdateAsWdfTest} calls its code), strategy (PCT),
 * seed and budget, keep-going so that both run every schedule. The command line is the real
 * {@code wdfrr.jar} in a child JVM of the same JDK; the test runs through JUnit's launcher in this
 * one, timed from its start to its end. Rounds take turns; medians are reported.
 * Run: {@code java -cp bench/target/benchmarks.jar dev.wdfrr.bench.CliVsWdfTest [ROUNDS]}.
 */
public final class CliVsWdfTest {
    private static final Pattern RATE = Pattern.compile("([\\d,]+) schedules/s");

    private CliVsWdfTest() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path jar = Path.of("cli", "target", "wdfrr.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": run mvn -B -q package -DskipTests first, from the repository root");
        }
        List<Double> cli = new ArrayList<>();
        List<Double> test = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            cli.add(cli(jar));
            test.add(wdfTest());
        }
        double c = median(cli);
        double t = median(test);
        System.out.printf(Locale.ROOT, "JDK %s, lost-update, pct, keep-going, %,d schedules, %d rounds%n%n", Runtime.version(),
                LostUpdateAsWdfTest.SCHEDULES, rounds);
        System.out.println("| how | schedules/s (median) | rounds | ratio |");
        System.out.println("|---|---:|---|---:|");
        System.out.printf(Locale.ROOT, "| `wdfrr explore` (baseline) | %,.0f | %s | 1.0× |%n", c, list(cli));
        System.out.printf(Locale.ROOT, "| `@WdfTest` | %,.0f | %s | **%.2f×** |%n", t, list(test), t / c);
    }

    private static double cli(Path jar) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("wdfrr-cli-speed").resolve("t");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "explore", "lost-update", "--strategy", "pct", "--seed", "1",
                "--keep-going", "--iterations", Integer.toString(LostUpdateAsWdfTest.SCHEDULES), "-o", out.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = RATE.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no rate in: " + text);
        }
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    private static double wdfTest() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LostUpdateAsWdfTest.class)).build();
        Launcher launcher = LauncherFactory.create();
        long[] span = new long[2];
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                if (id.isTest()) {
                    span[0] = System.nanoTime();
                }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    span[1] = System.nanoTime();
                }
            }
        });
        return LostUpdateAsWdfTest.SCHEDULES / ((span[1] - span[0]) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String list(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return sb.toString();
    }
}
