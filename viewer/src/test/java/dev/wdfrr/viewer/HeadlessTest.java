package dev.wdfrr.viewer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** In a JVM started with {@code -Djava.awt.headless=true}: charts are written, the window is refused with one line. */
@Timeout(120)
class HeadlessTest {
    @TempDir
    Path tmp;

    @Test
    void chartsNeedNoDisplayAndTheViewerSaysItNeedsOne() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle")) {
                cmd.add(a); // Chronicle's flags, as surefire gave them to this JVM
            }
        }
        cmd.addAll(List.of("-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                HeadlessMain.class.getName(), TestTraces.sample("dma").toString(), tmp.resolve("l.png").toString(),
                tmp.resolve("t.png").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the headless JVM finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).endsWith("no display: wdfrr view needs a desktop; use wdfrr chart for images");
        for (String png : List.of("l.png", "t.png")) {
            File f = tmp.resolve(png).toFile();
            assertThat(ImageIO.read(f).getWidth()).isEqualTo(640);
            assertThat(ImageIO.read(f).getHeight()).isEqualTo(480);
        }
    }
}
