package dev.wdfrr.replayer;

import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * A test method run as a scenario: how {@code wdfrr replay --classpath} reruns a trace that a
 * {@code @WdfTest} recorded. Its id is {@code Class#method}; its parameters are the hardware's
 * arrivals and period the test used.
 */
public final class MethodScenario implements Scenario {
    private final Class<?> testClass;
    private final Method method;
    private final java.util.function.Supplier<Object> instances;
    private final Map<String, String> defaults;

    /** The method on a fresh instance of its class (made with the no-argument constructor). */
    public MethodScenario(Class<?> testClass, Method method) {
        this(testClass, method, null);
    }

    /** The method on instances from {@code instances} (a test framework's own test instance). */
    public MethodScenario(Class<?> testClass, Method method, java.util.function.Supplier<Object> instances) {
        this(testClass, method, instances, Map.of());
    }

    /**
     * As above, with the defaults of its parameters ({@code arrivals}, {@code period}) taken from
     * {@code defaults} where given: the test's own settings.
     */
    public MethodScenario(Class<?> testClass, Method method, java.util.function.Supplier<Object> instances,
                          Map<String, String> defaults) {
        this.testClass = testClass;
        this.method = method;
        this.instances = instances;
        this.defaults = Map.copyOf(defaults);
        method.setAccessible(true);
    }

    @Override
    public String implementation() {
        return id();
    }

    @Override
    public String id() {
        return testClass.getName() + "#" + method.getName();
    }

    @Override
    public String description() {
        return "the test method " + id();
    }

    @Override
    public List<ScenarioParameter> parameters() {
        return List.of(new ScenarioParameter("arrivals", defaults.getOrDefault("arrivals", "10"), "arrivals of the test hardware"),
                new ScenarioParameter("period", defaults.getOrDefault("period", "10us"), "time between arrivals of the test hardware"));
    }

    /** The test class's: what surefire's {@code -ea} or a replay's loader gave it. */
    @Override
    public boolean assertionsEnabled() {
        return testClass.desiredAssertionStatus();
    }

    @Override
    public void run(WdfRuntime rt, Parameters params) throws Exception {
        Object instance = instances != null ? instances.get() : newInstance();
        TestFixtures fixtures = new TestFixtures();
        Object[] args = fixtures.arguments(rt, method, params.intValue("arrivals"), params.nanos("period"));
        try {
            method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            // The test's own failure (an AssertionError, say), not the reflection wrapper.
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        fixtures.cleanUp();
    }

    private Object newInstance() {
        try {
            var ctor = testClass.getDeclaredConstructor();
            ctor.setAccessible(true);
            return ctor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an instance of " + testClass.getName() + ": " + e, e);
        }
    }

    @Override
    public String checkInvariant() {
        return null;
    }
}
