package dev.wdfrr.replayer;

import dev.wdfrr.replayer.internal.ScenarioClassLoader;
import dev.wdfrr.runtime.Scenario;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads a user's scenario, by the name a trace header or the command line gives, from an
 * explicit classpath and nowhere else. Two forms are accepted, and nothing else:
 * <ul>
 * <li>{@code com.example.MyScenario}: a public, concrete class of that classpath that implements
 *     {@link Scenario} and has a public no-argument constructor;</li>
 * <li>{@code com.example.MyTest#method}: a method annotated {@code @WdfTest}, not static, taking
 *     only wdfrr's fixture types, in a class of that classpath (made with its no-argument
 *     constructor, as JUnit makes it).</li>
 * </ul>
 * A name that resolves to a class of the JDK or of wdfrr itself is refused: the class must be
 * defined by the classpath's own loader. Classes are looked up without being initialized, so a
 * refused name runs none of its code.
 */
public final class ScenarioLoader implements AutoCloseable {
    /** The annotation a test method needs; named, not referenced, because it lives in the junit module. */
    static final String WDF_TEST = "dev.wdfrr.junit.WdfTest";

    private final ScenarioClassLoader loader;

    /**
     * A loader over the given classpath entries (directories or jars, separated by the path separator).
     *
     * @throws IllegalArgumentException (its message one line) for an empty classpath or an entry that does not exist
     */
    public ScenarioLoader(String classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p;
            try {
                p = Path.of(entry);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a valid path");
            }
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
            }
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a valid path");
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--classpath is empty");
        }
        this.loader = new ScenarioClassLoader(urls.toArray(URL[]::new));
    }

    /**
     * Turns Java assertions on or off for the classes this loader defines from now on: what the
     * recording had (a trace header says), so that an {@code assert} in driver code acts the same.
     */
    public ScenarioLoader assertions(boolean enabled) {
        loader.setDefaultAssertionStatus(enabled);
        return this;
    }

    /**
     * A loaded scenario: fresh instances, and for a test method the settings of its
     * {@code @WdfTest} (workers, cpus, arrivals, period, seed, strategy, depth, iterations, as
     * strings), so that the command line can run it the way the test does.
     */
    public record Loaded(Supplier<Scenario> scenarios, Map<String, String> testSettings) {
        public Loaded {
            testSettings = Map.copyOf(testSettings);
        }
    }

    /**
     * Loads {@code name}: a class name or {@code Class#method}.
     *
     * @throws IllegalArgumentException (one line) when the name is neither of the two accepted forms
     */
    public Loaded load(String name) {
        int hash = name.indexOf('#');
        if (hash >= 0) {
            return loadMethod(name.substring(0, hash), name.substring(hash + 1));
        }
        Class<?> c = classOf(name, "scenario class");
        if (!Scenario.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(name + " does not implement " + Scenario.class.getName()
                    + " (a test method is named Class#method)");
        }
        if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException("scenario class " + name + " must be public and concrete");
        }
        Constructor<?> ctor;
        try {
            ctor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("scenario class " + name + " needs a public no-argument constructor");
        }
        Supplier<Scenario> factory = () -> {
            try {
                return (Scenario) ctor.newInstance();
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException("cannot make an instance of " + name + ": " + cause, cause);
            }
        };
        factory.get(); // fail now, not in the middle of a run
        return new Loaded(factory, Map.of());
    }

    /** A {@code @WdfTest} method as a scenario. */
    private Loaded loadMethod(String className, String methodName) {
        if (className.isEmpty() || methodName.isEmpty()) {
            throw new IllegalArgumentException("'" + className + "#" + methodName + "' is not of the form Class#method");
        }
        Class<?> c = classOf(className, "test class");
        String what = className + "#" + methodName;
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new IllegalArgumentException("test class " + className + " is abstract");
        }
        Method method = null;
        for (Class<?> k = c; k != null && k.getClassLoader() == loader && method == null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && wdfTest(m) != null) {
                    method = m;
                    break;
                }
            }
        }
        if (method == null) {
            throw new IllegalArgumentException(what + " is not a @WdfTest method of " + className);
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalArgumentException(what + " is static; @WdfTest methods are instance methods");
        }
        for (Class<?> p : method.getParameterTypes()) {
            if (!TestFixtures.supports(p)) {
                throw new IllegalArgumentException(what + " takes a " + p.getName()
                        + ", which wdfrr cannot supply (only WdfRuntime, WdfDevice, VirtualDevice)");
            }
        }
        try {
            c.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("test class " + className + " needs a no-argument constructor");
        }
        Map<String, String> settings = settings(wdfTest(method));
        Method m = method;
        Map<String, String> defaults = Map.of("arrivals", settings.getOrDefault("arrivals", "10"),
                "period", settings.getOrDefault("period", "10us"));
        return new Loaded(() -> new MethodScenario(c, m, null, defaults), settings);
    }

    /** The class, which must be defined by this classpath's loader; not initialized. */
    private Class<?> classOf(String name, String what) {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " " + name + " is not on --classpath");
        }
        if (c.getClassLoader() != loader) {
            throw new IllegalArgumentException(what + " " + name + " is not a class of --classpath"
                    + " (wdfrr loads scenarios from there only)");
        }
        return c;
    }

    private static Annotation wdfTest(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a.annotationType().getName().equals(WDF_TEST)) {
                return a;
            }
        }
        return null;
    }

    /** The annotation's settings, by attribute name, as strings. */
    private static Map<String, String> settings(Annotation a) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String attribute : Arrays.asList("workers", "cpus", "arrivals", "period", "seed", "strategy", "depth", "iterations")) {
            try {
                Method m = a.annotationType().getMethod(attribute);
                out.put(attribute, String.valueOf(m.invoke(a)).toLowerCase(java.util.Locale.ROOT));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // an older or newer @WdfTest without this attribute: the command's default applies
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
