package dev.wdfrr.junit.internal;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.replayer.Explorer;
import dev.wdfrr.replayer.MethodScenario;
import dev.wdfrr.replayer.ReplayResult;
import dev.wdfrr.replayer.Replayer;
import dev.wdfrr.replayer.strategy.Strategies;
import dev.wdfrr.runtime.engine.CarrierPool;
import dev.wdfrr.runtime.EngineKind;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.RunConfig;
import dev.wdfrr.runtime.RunResult;
import dev.wdfrr.runtime.engine.Strategy;
import dev.wdfrr.runtime.WdfRunner;
import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceWriter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one iteration: the test method, with wdfrr's objects as arguments, as the {@code main}
 * of a recorded run (or of a replay). JUnit's own call of the method is skipped; this calls it.
 */
final class IterationRunner {
    private final TestState state;
    private final WdfTestExtension.Iteration iteration;
    private final InvocationInterceptor.Invocation<Void> invocation;
    private final ReflectiveInvocationContext<Method> call;
    private final ExtensionContext context;

    IterationRunner(TestState state, WdfTestExtension.Iteration iteration, InvocationInterceptor.Invocation<Void> invocation,
                    ReflectiveInvocationContext<Method> call, ExtensionContext context) {
        this.state = state;
        this.iteration = iteration;
        this.invocation = invocation;
        this.call = call;
        this.context = context;
    }

    void run() {
        invocation.skip(); // the body runs inside the wdfrr run, with real arguments
        WdfTestExtension.Settings s = state.settings();
        Method method = call.getExecutable();
        Object target = call.getTarget().orElseThrow(() -> new ExtensionConfigurationException("@WdfTest methods must not be static"));
        MethodScenario scenario = new MethodScenario(method.getDeclaringClass(), method, () -> target);
        Map<String, String> params = Map.of("arrivals", Integer.toString(s.annotation().arrivals()), "period", s.annotation().period());
        if (s.replay() != null) {
            replay(s, scenario);
            return;
        }
        WdfTest a = s.annotation();
        long seed = iteration.index == 0 ? a.seed() : Explorer.strategySeed(a.seed(), iteration.index);
        Strategy strategy = Strategies.create(a.strategy() == WdfTest.Strategy.PCT ? Strategies.Kind.PCT : Strategies.Kind.RANDOM,
                seed, a.depth(), Strategies.DEFAULT_PCT_STEPS);
        Path dir = traceDirectory(method);
        TraceWriter writer;
        try {
            writer = TraceWriter.create(dir, true);
        } catch (TraceException e) {
            // Never skip: a test that cannot be recorded fails.
            throw new ExtensionConfigurationException("cannot record " + method.getName() + " to " + dir + ": " + e.getMessage(), e);
        }
        RunConfig config = RunConfig.builder().engine(a.engine()).workers(a.workers()).cpus(a.cpus()).seed(a.seed())
                .strategy(strategy).sink(writer).carriers(carriers()).build();
        RunResult result = WdfRunner.run(scenario, Parameters.of(scenario, params), config);
        if (result.passed()) {
            if (a.keep() != WdfTest.Keep.ALWAYS) {
                deleteTree(dir);
            }
            return;
        }
        state.markFailed();
        throw failure(method, result, dir, a.engine() == EngineKind.LIVE ? "live engine" : strategy.describe());
    }

    private void replay(WdfTestExtension.Settings s, MethodScenario scenario) {
        ReplayResult r;
        try {
            r = Replayer.replay(s.replay(), h -> scenario, Replayer.Options.defaults());
        } catch (TraceException e) {
            throw new ExtensionConfigurationException("cannot replay " + s.replay() + ": " + e.getMessage(), e);
        }
        if (!r.reproduced()) {
            state.markFailed();
            throw new AssertionFailedError("replay of " + s.replay() + " diverged: the code no longer matches the recorded schedule"
                    + System.lineSeparator() + r.divergence());
        }
        if (!r.run().passed()) {
            state.markFailed();
            AssertionFailedError e = new AssertionFailedError("replayed " + s.replay() + ": the recorded failure reproduced: "
                    + r.run().summary());
            if (r.run().cause() != null) {
                e.initCause(r.run().cause());
            }
            throw e;
        }
    }

    private AssertionFailedError failure(Method method, RunResult result, Path dir, String strategy) {
        String nl = System.lineSeparator();
        String message = method.getDeclaringClass().getSimpleName() + "." + method.getName() + " failed on schedule "
                + (iteration.index + 1) + " of " + iteration.count + " (seed " + state.settings().annotation().seed() + ", "
                + strategy + "): " + result.summary() + nl
                + "trace: " + dir + nl
                + "replay: wdfrr replay " + dir + " --classpath " + classpathOf(method.getDeclaringClass()) + nl
                + "or rerun this schedule in the test: @WdfTest(replay = \"" + dir.toString().replace('\\', '/') + "\")";
        AssertionFailedError e = new AssertionFailedError(message);
        if (result.cause() != null) {
            e.initCause(result.cause()); // the original exception stays the cause
        }
        return e;
    }

    /** Where the test's classes and wdfrr's own come from: what --classpath needs for a test using only them. */
    private static String classpathOf(Class<?> testClass) {
        String here = location(testClass);
        String main = here.endsWith("test-classes") ? here.substring(0, here.length() - "test-classes".length()) + "classes" : null;
        return main != null && Files.isDirectory(Path.of(main)) ? here + File.pathSeparator + main : here;
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return "<test classes>";
        }
    }

    private Path traceDirectory(Method method) {
        String className = method.getDeclaringClass().getName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String name = method.getName() + (iteration.count > 1 ? "-" + (iteration.index + 1) : "");
        return Path.of("target", "wdfrr-traces", simple, name);
    }

    /**
     * One carrier pool per test method. The store closes it with the method's context: JUnit
     * closes stored {@link AutoCloseable} values, and the pool is one.
     */
    private CarrierPool carriers() {
        ExtensionContext methodContext = context.getParent().orElse(context);
        return methodContext.getStore(WdfTestExtension.NAMESPACE)
                .getOrComputeIfAbsent(CarrierPool.class, k -> new CarrierPool("wdfrr-junit"), CarrierPool.class);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a trace of a passing run that could not be removed is harmless
        }
    }
}
