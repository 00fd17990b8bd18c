package dev.wdfrr.junit.internal;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.FailureGroup;
import dev.wdfrr.replayer.MethodScenario;
import dev.wdfrr.replayer.ProgressListener;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.event.MemorySink;
import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@code @WdfTest}: every schedule in memory through the {@link Explorer} (in parallel, with
 * a result that does not depend on the number of threads), the summary published as a report
 * entry, the traces it keeps written at the end, and the failure worded by {@link FailureReport}.
 */
final class Exploration {
    private final Settings settings;
    private final Object junitInstance;
    private final ExtensionContext context;

    Exploration(Settings settings, Object junitInstance, ExtensionContext context) {
        this.settings = settings;
        this.junitInstance = junitInstance;
        this.context = context;
    }

    void run() {
        WdfTest a = settings.annotation();
        Method method = settings.method();
        Class<?> testClass = method.getDeclaringClass();
        boolean fresh = hasNoArgumentConstructor(testClass);
        Supplier<Object> instances = fresh ? null : () -> junitInstance;
        int threads = a.engine() == EngineKind.LIVE || !fresh ? 1
                : (int) Math.max(1, Math.min(settings.iterations(), Runtime.getRuntime().availableProcessors()));
        RunConfig base = RunConfig.builder().engine(a.engine()).workers(a.workers()).cpus(a.cpus()).seed(settings.seed())
                .jitterNanos(settings.jitterNanos()).build();
        Map<String, String> params = Map.of("arrivals", Integer.toString(a.arrivals()), "period", a.period());
        Explorer.Options options = new Explorer.Options(settings.strategy(), settings.depth(), settings.iterations(), base, threads,
                ProgressListener.NONE).keepGoing(a.keepGoing());
        List<Path> kept = new ArrayList<>();
        if (a.keep() == WdfTest.Keep.ALWAYS) {
            options = options.onEachSchedule((i, strategy, result, events) -> save(events, scheduleDirectory(i), kept));
        }
        Explorer.Result result = Explorer.explore(() -> new MethodScenario(testClass, method, instances), params, options);
        FailureReport report = new FailureReport(settings, result);
        String summary = report.summary();
        context.publishReportEntry("wdfrr", summary);
        // Build tools that drop report entries (Maven Surefire) still show the test's output.
        System.out.println("[wdfrr] " + settings.testName() + ": " + summary);
        if (result.failure() == null) {
            return;
        }
        List<Path> traces = new ArrayList<>();
        List<FailureGroup> groups = result.groups();
        for (int g = 0; g < groups.size(); g++) {
            Path dir = failureDirectory(g);
            // The witness run (with call sites) of the failure, even when every schedule was kept.
            save(groups.get(g).first().events(), dir, kept);
            ReplayArgs.write(dir, testClass);
            traces.add(dir);
        }
        throw report.failure(traces);
    }

    /**
     * {@code target/wdfrr-traces/<TestClass>/<method>} for the (first) failure, {@code <method>-2},
     * {@code -3} … for further kinds of failure in keep-going mode: no schedule number, so that a
     * {@code replay} attribute pointing at a kept failure stays valid when the code changes.
     */
    Path failureDirectory(int group) {
        return classDirectory().resolve(settings.method().getName() + (group == 0 ? "" : "-" + (group + 1)));
    }

    /** With {@code keep = ALWAYS}: {@code <method>-schedule-<n>}, n 1-based. */
    Path scheduleDirectory(long schedule) {
        return classDirectory().resolve(settings.method().getName() + "-schedule-" + (schedule + 1));
    }

    private Path classDirectory() {
        String className = settings.method().getDeclaringClass().getName();
        return Path.of("target", "wdfrr-traces", className.substring(className.lastIndexOf('.') + 1));
    }

    private void save(MemorySink events, Path dir, List<Path> kept) {
        try {
            events.copyTo(TraceWriter.create(dir, true));
        } catch (TraceException e) {
            // Never skip: a test whose failure cannot be kept fails with that reason.
            throw new ExtensionConfigurationException("cannot write the trace of " + settings.testName() + " to " + dir
                    + ": " + e.getMessage(), e);
        }
        synchronized (kept) {
            kept.add(dir);
        }
    }

    private static boolean hasNoArgumentConstructor(Class<?> c) {
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            return false; // an inner (@Nested) class needs its outer instance
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }
}
