package dev.wdfrr.viewer;

import java.nio.file.Path;
import java.util.List;

/** Run by {@link HeadlessTest} in a JVM started with {@code -Djava.awt.headless=true}. */
public final class HeadlessMain {
    private HeadlessMain() {
    }

    public static void main(String[] args) throws Exception {
        Charts.write(Path.of(args[0]), Path.of(args[1]), ChartKind.LATENCY, 640, 480);
        Charts.write(Path.of(args[0]), Path.of(args[2]), ChartKind.TIMELINE, 640, 480);
        try {
            Viewer.show(List.of(Path.of(args[0])));
            System.out.println("the window opened");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
    }
}
