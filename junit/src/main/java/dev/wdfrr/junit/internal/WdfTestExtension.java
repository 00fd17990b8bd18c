package dev.wdfrr.junit.internal;

import dev.wdfrr.junit.WdfTest;
import dev.wdfrr.runtime.Durations;
import dev.wdfrr.runtime.hw.VirtualDevice;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.WdfRuntime;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Behind {@link WdfTest}: provides one invocation per iteration (stopping after the first
 * failure), resolves the wdfrr parameters to handles, and intercepts each invocation to run the
 * method body inside a wdfrr run ({@link IterationRunner}). All state lives in the
 * {@link ExtensionContext.Store} under this extension's namespace.
 */
public final class WdfTestExtension implements TestTemplateInvocationContextProvider, ParameterResolver, InvocationInterceptor {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WdfTestExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, WdfTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        WdfTest config = AnnotationSupport.findAnnotation(method, WdfTest.class).orElseThrow();
        Settings settings = Settings.validate(config, method);
        TestState state = context.getStore(NAMESPACE).getOrComputeIfAbsent(TestState.class, k -> new TestState(settings),
                TestState.class);
        int count = settings.replay() != null ? 1 : settings.iterations();
        // Lazy: JUnit pulls the next iteration only after running the previous one, so a failure stops the rest.
        return IntStream.range(0, count).boxed().takeWhile(i -> !state.failed())
                .map(i -> new Iteration(i, count));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == WdfRuntime.class || type == WdfDevice.class || type == VirtualDevice.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // The run has not started yet: hand out a placeholder; the real object is passed when the body runs.
        return null;
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        TestState state = context.getParent().orElseThrow().getStore(NAMESPACE).get(TestState.class, TestState.class);
        Iteration iteration = context.getStore(NAMESPACE).get(Iteration.class, Iteration.class);
        new IterationRunner(state, iteration, invocation, invocationContext, context).run();
    }

    /** One invocation: its number, and a parameter resolver keyed to it. */
    static final class Iteration implements TestTemplateInvocationContext {
        final int index;
        final int count;

        Iteration(int index, int count) {
            this.index = index;
            this.count = count;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return count == 1 ? "wdfrr" : "schedule " + (index + 1) + " of " + count;
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(new org.junit.jupiter.api.extension.BeforeTestExecutionCallback() {
                @Override
                public void beforeTestExecution(ExtensionContext context) {
                    context.getStore(NAMESPACE).put(Iteration.class, Iteration.this);
                }
            });
        }
    }

    /** The validated annotation. */
    record Settings(WdfTest annotation, int iterations, long periodNanos, Path replay) {
        static Settings validate(WdfTest a, Method method) {
            String where = "@WdfTest on " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": ";
            if (a.iterations() <= 0) {
                throw new ExtensionConfigurationException(where + "iterations must be at least 1, got " + a.iterations());
            }
            if (a.workers() < 1 || a.cpus() < 1) {
                throw new ExtensionConfigurationException(where + "workers and cpus must be at least 1");
            }
            if (a.depth() < 1) {
                throw new ExtensionConfigurationException(where + "depth must be at least 1, got " + a.depth());
            }
            if (a.arrivals() < 0) {
                throw new ExtensionConfigurationException(where + "arrivals must be >= 0, got " + a.arrivals());
            }
            long period;
            try {
                period = Durations.parse(a.period(), "period");
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException(where + e.getMessage());
            }
            if (period <= 0) {
                throw new ExtensionConfigurationException(where + "period must be positive");
            }
            for (Class<?> p : method.getParameterTypes()) {
                if (!dev.wdfrr.replayer.TestFixtures.supports(p)) {
                    throw new ExtensionConfigurationException(where + "cannot supply a parameter of type " + p.getName()
                            + " (supported: WdfRuntime, WdfDevice, VirtualDevice)");
                }
            }
            Path replay = null;
            if (!a.replay().isEmpty()) {
                replay = Path.of(a.replay());
                if (!Files.isDirectory(replay)) {
                    throw new ExtensionConfigurationException(where + "replay trace " + a.replay() + " does not exist (relative to "
                            + Path.of("").toAbsolutePath() + ")");
                }
            }
            return new Settings(a, a.iterations(), period, replay);
        }
    }
}
