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
                : (int) Math.max(1, Math.min(a.iterations(), Runtime.getRuntime().availableProcessors()));
        RunConfig base = RunConfig.builder().engine(a.engine()).workers(a.workers()).cpus(a.cpus()).seed(a.seed())
                .jitterNanos(settings.jitterNanos()).build();
        Map<String, String> params = Map.of("arrivals", Integer.toString(a.arrivals()), "period", a.period());
        Explorer.Options options = new Explorer.Options(settings.strategy(), a.depth(), a.iterations(), base, threads,
                ProgressListener.NONE).keepGoing(a.keepGoing());
        List<Path> kept = new ArrayList<>();
        if (a.keep() == WdfTest.Keep.ALWAYS) {
            options = options.onEachSchedule((i, strategy, result, events) -> save(events, traceDirectory(i), kept));
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
        for (FailureGroup g : result.groups()) {
            Path dir = traceDirectory(g.first().schedule());
            if (a.keep() != WdfTest.Keep.ALWAYS) {
                save(g.first().events(), dir, kept);
            }
            traces.add(dir);
        }
        throw report.failure(traces);
    }

    /** {@code target/wdfrr-traces/<TestClass>/<method>[-<schedule>]}, the schedule 1-based. */
    Path traceDirectory(long schedule) {
        Method method = settings.method();
        String className = method.getDeclaringClass().getName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String name = method.getName() + (settings.annotation().iterations() > 1 ? "-" + (schedule + 1) : "");
        return Path.of("target", "wdfrr-traces", simple, name);
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
