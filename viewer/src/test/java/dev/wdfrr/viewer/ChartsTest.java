package dev.wdfrr.viewer;

import dev.wdfrr.tracer.TraceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class ChartsTest {
    @TempDir
    Path tmp;

    private static BufferedImage read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("a PNG at " + png).isNotNull();
        return img;
    }

    @Test
    void eachKindIsWrittenAsAPngOfTheRequestedSize() throws IOException {
        for (ChartKind kind : ChartKind.values()) {
            Path png = tmp.resolve(kind + ".png");
            Charts.write(TestTraces.sample("nic"), png, kind, 1200, 700);
            BufferedImage img = read(png);
            assertThat(img.getWidth()).as(kind.name()).isEqualTo(1200);
            assertThat(img.getHeight()).as(kind.name()).isEqualTo(700);
        }
    }

    /** chart --kind timeline of a deterministic trace: along steps unless told otherwise; a live one along time. */
    @Test
    void aDeterministicTimelineChartIsDrawnAlongStepsByDefault() throws IOException {
        Path auto = tmp.resolve("auto.png");
        Path steps = tmp.resolve("steps.png");
        Path time = tmp.resolve("time.png");
        Charts.write(TestTraces.lostUpdate(), auto, ChartKind.TIMELINE, 1200, 700);
        Charts.write(TestTraces.lostUpdate(), steps, ChartKind.TIMELINE, TimelineAxis.STEPS, 1200, 700);
        Charts.write(TestTraces.lostUpdate(), time, ChartKind.TIMELINE, TimelineAxis.TIME, 1200, 700);
        assertThat(differingPixels(read(auto), read(steps))).as("auto is steps for a deterministic trace").isZero();
        assertThat(differingPixels(read(auto), read(time))).isGreaterThan(10_000);
        assertThat(redPixelsInRow(read(auto), 30)).as("the header's second line: FAILED and why, in red").isGreaterThan(50);
    }

    /** A live trace charts along time by default, and along steps when asked: the step view is there for live traces too. */
    @Test
    void aLiveTimelineChartIsAlongTimeByDefaultAndAlongStepsWhenAsked() throws IOException {
        Path live = tmp.resolve("live");
        dev.wdfrr.runtime.Scenario nic = dev.wdfrr.scenarios.BuiltInScenarios.create("nic").orElseThrow();
        dev.wdfrr.runtime.WdfRunner.run(nic, dev.wdfrr.runtime.Parameters.of(nic, java.util.Map.of()),
                dev.wdfrr.runtime.RunConfig.builder().engine(dev.wdfrr.runtime.EngineKind.LIVE).durationNanos(20_000_000L)
                        .sink(dev.wdfrr.tracer.TraceWriter.create(live, false)).build());
        Path auto = tmp.resolve("live-auto.png");
        Path steps = tmp.resolve("live-steps.png");
        Path time = tmp.resolve("live-time.png");
        Charts.write(live, auto, ChartKind.TIMELINE, 1200, 700);
        Charts.write(live, steps, ChartKind.TIMELINE, TimelineAxis.STEPS, 1200, 700);
        Charts.write(live, time, ChartKind.TIMELINE, TimelineAxis.TIME, 1200, 700);
        assertThat(differingPixels(read(auto), read(time))).as("auto is time for a live trace").isZero();
        assertThat(differingPixels(read(auto), read(steps))).as("steps are drawn differently").isGreaterThan(10_000);
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
    }

    private static int redPixelsInRow(BufferedImage img, int y) {
        int n = 0;
        for (int yy = y - 8; yy <= y + 4; yy++) {
            for (int x = 0; x < img.getWidth(); x++) {
                java.awt.Color c = new java.awt.Color(img.getRGB(x, yy));
                n += c.getRed() > 150 && c.getGreen() < 90 && c.getBlue() < 90 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void anExistingPngIsReplacedAndTinySizesWork() throws IOException {
        Path png = tmp.resolve("t.png");
        Files.writeString(png, "old");
        Charts.write(TestTraces.known(tmp.resolve("k")), png, ChartKind.TIMELINE, 1, 1);
        assertThat(read(png).getWidth()).isEqualTo(1);
    }

    @Test
    void aTraceWithoutEventsStillGivesCharts() throws IOException {
        Path empty = tmp.resolve("empty");
        TestTraces.writer(empty).close();
        for (ChartKind kind : ChartKind.values()) {
            Path png = tmp.resolve("empty-" + kind + ".png");
            Charts.write(empty, png, kind, 400, 300);
            assertThat(read(png).getHeight()).isEqualTo(300);
        }
        OffscreenTimeline t = OffscreenTimeline.load(empty);
        assertThat(t.events()).isZero();
    }

    @Test
    void anOffscreenTimelineZoomsPansAndPaintsWhatTheWindowWould() {
        OffscreenTimeline t = OffscreenTimeline.load(TestTraces.sample("nic"));
        assertThat(t.events()).isEqualTo(1218);
        double all = t.visibleNanos();
        t.zoom(0.5);
        assertThat(t.visibleNanos()).isCloseTo(all / 2, org.assertj.core.api.Assertions.within(1e-6));
        t.pan(0.25);
        t.show(40_000, 50_000);
        assertThat(t.visibleNanos()).isCloseTo(10_000, org.assertj.core.api.Assertions.within(1e-6));
        BufferedImage img = new BufferedImage(800, 300, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        t.paint(g, 800, 300);
        g.dispose();
        t.fitAll();
        assertThat(t.visibleNanos()).isCloseTo(all, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void badTracesFailWithTheReadersOneLineReason() {
        assertThatThrownBy(() -> Charts.write(tmp.resolve("missing"), tmp.resolve("x.png"), ChartKind.LATENCY, 100, 100))
                .isInstanceOf(TraceException.class).hasMessage("no such trace: " + tmp.resolve("missing"));
        assertThatThrownBy(() -> Charts.write(tmp, tmp.resolve("x.png"), ChartKind.TIMELINE, 100, 100))
                .isInstanceOf(TraceException.class).hasMessageContaining("is not a trace");
        assertThat(tmp.resolve("x.png")).doesNotExist();
    }

    @Test
    void badSizesAndUnwritablePathsAreRefused() {
        Path nic = TestTraces.sample("nic");
        assertThatThrownBy(() -> Charts.write(nic, tmp.resolve("x.png"), ChartKind.LATENCY, 0, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("width must be between 1 and 16384 pixels, got 0");
        assertThatThrownBy(() -> Charts.write(nic, tmp.resolve("x.png"), ChartKind.LATENCY, 100, 20_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> Charts.write(nic, tmp.resolve("no/such/dir/x.png"), ChartKind.LATENCY, 100, 100))
                .isInstanceOf(IOException.class);
    }
}
