package dev.wdfrr.bench;

/**
 * JVM flags for benchmark forks. JMH forks with {@code -cp}, so the jar manifest's
 * Add-Opens/Add-Exports (which only {@code java -jar} honours) do not apply: Chronicle's flags go here.
 */
final class Jvm {
    static final String O1 = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String O2 = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String O3 = "--add-opens=java.base/java.io=ALL-UNNAMED";
    static final String O4 = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String O5 = "--add-opens=java.base/java.util=ALL-UNNAMED";
    static final String O6 = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String E1 = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String E2 = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String E3 = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    static final String E4 = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

    private Jvm() {
    }
}
