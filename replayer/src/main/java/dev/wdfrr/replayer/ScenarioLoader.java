package dev.wdfrr.replayer;

import dev.wdfrr.runtime.Scenario;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads a user's scenario class, by the name a trace header gives, only from an explicit
 * classpath: a trace never makes wdfrr load a class from anywhere else.
 */
public final class ScenarioLoader implements AutoCloseable {
    private final URLClassLoader loader;
    private final String classpath;

    /** A loader over the given classpath entries (directories or jars, separated by the path separator). */
    public ScenarioLoader(String classpath) {
        this.classpath = classpath;
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a valid path");
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--classpath is empty");
        }
        this.loader = new URLClassLoader(urls.toArray(URL[]::new), ScenarioLoader.class.getClassLoader());
    }

    /**
     * A factory of fresh instances of the named class, which must implement {@link Scenario} and
     * have a public no-argument constructor.
     */
    public Supplier<Scenario> load(String className) {
        int hash = className.indexOf('#');
        if (hash > 0) {
            return loadMethod(className.substring(0, hash), className.substring(hash + 1));
        }
        Class<?> c;
        try {
            c = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("scenario class " + className + " is not on --classpath " + classpath);
        }
        if (!Scenario.class.isAssignableFrom(c)) {
            throw new IllegalArgumentException(className + " does not implement " + Scenario.class.getName());
        }
        try {
            var ctor = c.getConstructor();
            ctor.newInstance(); // fail now, not in the middle of a replay
            return () -> {
                try {
                    return (Scenario) ctor.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot instantiate " + className + ": " + e, e);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor (" + e + ")");
        }
    }

    /** A {@code @WdfTest} method, named {@code Class#method}, as a scenario. */
    private Supplier<Scenario> loadMethod(String className, String methodName) {
        Class<?> c;
        try {
            c = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("test class " + className + " is not on --classpath " + classpath);
        }
        for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(methodName) && java.util.Arrays.stream(m.getParameterTypes()).allMatch(TestFixtures::supports)) {
                return () -> new MethodScenario(c, m);
            }
        }
        throw new IllegalArgumentException(className + " has no test method " + methodName + " taking only wdfrr parameters");
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
