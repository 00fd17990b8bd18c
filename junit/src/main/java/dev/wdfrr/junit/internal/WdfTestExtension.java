package dev.wdfrr.junit.internal;

import dev.wdfrr.junit.WdfTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;

/**
 * Behind {@link WdfTest}: JUnit calls the method once; this skips that call and instead runs the
 * method body as the driver's {@code main} in every schedule of an in-memory exploration
 * ({@link Exploration}), or along a saved trace ({@link SavedReplay}). Parameters are resolved to
 * placeholders here; the real runtime objects are made inside each run.
 */
public final class WdfTestExtension implements ParameterResolver, InvocationInterceptor {
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        // Every parameter but JUnit's own: a type the runtime cannot supply is reported as a
        // configuration error naming it, rather than JUnit's "no resolver" message.
        Class<?> type = parameterContext.getParameter().getType();
        return isWdfTest(extensionContext) && !type.isPrimitive() && type != TestInfo.class && type != TestReporter.class
                && type != RepetitionInfo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return null; // the run has not started: the real object is passed when the body runs
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) {
        invocation.skip(); // the body runs inside the wdfrr runs, with real arguments
        Method method = call.getExecutable();
        WdfTest annotation = AnnotationSupport.findAnnotation(method, WdfTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException("@WdfTest missing on " + method));
        Settings settings = Settings.validate(annotation, method, context::getConfigurationParameter);
        Object instance = call.getTarget().orElseThrow(() -> new ExtensionConfigurationException(
                "@WdfTest methods must not be static"));
        if (settings.replay() != null) {
            SavedReplay.run(settings, instance, context);
        } else {
            new Exploration(settings, instance, context).run();
        }
    }

    private static boolean isWdfTest(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, WdfTest.class)).orElse(false);
    }
}
