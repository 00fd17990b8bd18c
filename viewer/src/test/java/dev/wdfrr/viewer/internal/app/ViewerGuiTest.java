package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.tracer.TraceWriter;
import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.SpanKind;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.timeline.TimelineLayout;
import dev.wdfrr.viewer.internal.timeline.SpanPixels;
import dev.wdfrr.viewer.internal.timeline.TimelinePanel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.entity.XYItemEntity;

import javax.imageio.ImageIO;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The viewer in a real window: open, zoom, select by click and by table row, follow a trace
 * being written, diff two traces, switch theme, and screenshots in {@code target/}.
 *
 * <p>The window lives on Caciocavallo's test toolkit ({@link CacioExtension}): real Swing
 * components, a real event dispatch thread and real painting, into a virtual screen instead of
 * an X server, so the same test runs on a developer's desktop, in CI and over SSH with no
 * display. Surefire runs it in a JVM of its own (the {@code gui} execution), because a JVM picks
 * its toolkit once. {@code -Dwdfrr.viewer.skipGui=true} skips it knowingly, reported as skipped.
 */
@Timeout(120)
@ExtendWith(CacioExtension.class)
class ViewerGuiTest {
    static final Path SCREENSHOTS = Path.of("target");

    @TempDir
    Path tmp;

    private ViewerFrame frame;

    @BeforeEach
    void openWindow() throws Exception {
        // Checked per test, so that a knowing skip shows up as skipped tests in the report.
        Assumptions.assumeFalse(Boolean.getBoolean("wdfrr.viewer.skipGui"), "GUI tests skipped: -Dwdfrr.viewer.skipGui=true");
        if (GraphicsEnvironment.isHeadless()) {
            fail("the viewer's window tests need Caciocavallo's toolkit, but AWT is headless: run them through "
                    + "surefire's gui execution (mvn -B verify -pl viewer), which sets java.awt.headless=false");
        }
        Settings settings = Settings.load(tmp.resolve("viewer.properties"));
        frame = onEdt(() -> {
            Themes.install(false);
            ViewerFrame f = new ViewerFrame(settings);
            f.setSize(1400, 900);
            f.setVisible(true);
            return f;
        });
    }

    @AfterEach
    void closeWindow() throws Exception {
        if (frame != null) {
            onEdt(() -> {
                frame.dispose();
                return null;
            });
        }
    }

    static <T> T onEdt(Callable<T> c) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return out.get();
    }

    private TracePanel open(Path trace, TraceLoader.Mode mode) throws Exception {
        TracePanel p = onEdt(() -> frame.open(trace, mode));
        p.loaded().get(20, SECONDS);
        onEdt(() -> {
            frame.validate();
            return null;
        });
        return p;
    }

    private static void key(TimelinePanel t, int code) {
        t.dispatchEvent(new KeyEvent(t, KeyEvent.KEY_PRESSED, System.currentTimeMillis(), 0, code, KeyEvent.CHAR_UNDEFINED));
    }

    private static void click(TimelinePanel t, int x, int y) {
        long now = System.currentTimeMillis();
        t.dispatchEvent(new MouseEvent(t, MouseEvent.MOUSE_PRESSED, now, InputEvent.BUTTON1_DOWN_MASK, x, y, 1, false, MouseEvent.BUTTON1));
        t.dispatchEvent(new MouseEvent(t, MouseEvent.MOUSE_RELEASED, now, 0, x, y, 1, false, MouseEvent.BUTTON1));
    }

    private void screenshot(String name) throws Exception {
        BufferedImage img = onEdt(() -> {
            BufferedImage i = new BufferedImage(frame.getRootPane().getWidth(), frame.getRootPane().getHeight(),
                    BufferedImage.TYPE_INT_RGB);
            var g = i.createGraphics();
            frame.getRootPane().paint(g); // paint, not print: tables show no selection when printing
            g.dispose();
            return i;
        });
        Files.createDirectories(SCREENSHOTS);
        assertThat(ImageIO.write(img, "png", SCREENSHOTS.resolve(name).toFile())).isTrue();
    }

    /** A callback of the NIC sample in the middle of the run. */
    private static int middleCallback(TraceModel m) {
        for (int s = m.spans().count() / 2; s < m.spans().count(); s++) {
            if (m.spans().kind(s) == SpanKind.CALLBACK) {
                return s;
            }
        }
        throw new AssertionError("no callback");
    }

    @Test
    void zoomClickASpanSeeItsChainAndFollowTheSelectionAcrossViews() throws Exception {
        TracePanel nic = open(TestTraces.sample("nic"), TraceLoader.Mode.READ);
        TraceModel m = nic.model();
        TimelinePanel timeline = nic.timeline();
        assertThat(onEdt(timeline::axis)).as("a deterministic trace opens in steps").isEqualTo(Axis.STEP);
        assertThat(onEdt(nic::headerText)).as("the outcome up front").contains("PASSED").doesNotContain("FAILED");
        onEdt(() -> {
            key(timeline, KeyEvent.VK_T);
            return null;
        });
        assertThat(onEdt(timeline::axis)).as("T switches to time").isEqualTo(Axis.TIME);

        double[] widths = onEdt(() -> {
            double w0 = timeline.viewport().width();
            key(timeline, KeyEvent.VK_W);
            double w1 = timeline.viewport().width();
            key(timeline, KeyEvent.VK_S);
            double w2 = timeline.viewport().width();
            double start = timeline.viewport().start();
            key(timeline, KeyEvent.VK_D);
            double panned = timeline.viewport().start() - start;
            timeline.dispatchEvent(new MouseWheelEvent(timeline, MouseEvent.MOUSE_WHEEL, System.currentTimeMillis(), 0,
                    timeline.getWidth() / 2, 100, 0, false, MouseWheelEvent.WHEEL_UNIT_SCROLL, 1, -2));
            return new double[]{w0, w1, w2, panned, timeline.viewport().width()};
        });
        assertThat(widths[1]).isCloseTo(widths[0] / 1.25, within(1e-6 * widths[0]));
        assertThat(widths[2]).isCloseTo(widths[0], within(1e-6 * widths[0]));
        assertThat(widths[3]).isCloseTo(0.15 * widths[0], within(1e-6 * widths[0]));
        assertThat(widths[4]).as("two wheel notches in").isCloseTo(widths[0] / 1.5625, within(1e-6 * widths[0]));

        int callback = middleCallback(m);
        onEdt(() -> {
            RequestChain chain = RequestChain.of(m, callback);
            timeline.viewport().fit(chain.startTime(m), chain.endTime(m));
            TimelineLayout l = timeline.painter().layout(timeline.getWidth(), timeline.getHeight());
            double mid = (m.spans().startTime(callback) + m.spans().endTime(callback, 0)) / 2.0;
            click(timeline, (int) Math.round(l.xAt(timeline.viewport(), mid)), l.laneMiddle(m.spans().lane(callback)));
            return null;
        });
        assertThat(nic.selection().span()).isEqualTo(callback);
        assertThat(nic.selection().row()).isEqualTo(m.spans().startRow(callback));
        String details = onEdt(() -> nic.details().getText());
        assertThat(details).startsWith("callback 'rx-work' (#5)");
        assertThat(details).contains("request chain (interrupt -> end:").containsSubsequence("interrupt", "ISR 'nic-int'",
                "dpc_queue", "DPC 'nic-int'", "enqueue 'rx-work'", "callback 'rx-work'", "callback end");
        JTable table = nic.events().table();
        assertThat(onEdt(table::getSelectedRow)).as("the table follows").isEqualTo(m.spans().startRow(callback));
        onEdt(() -> {
            key(timeline, KeyEvent.VK_F);
            return null;
        });
        screenshot("viewer-gui-light.png");

        int isrRow = onEdt(() -> {
            int r = 0;
            while (m.events().typeId(r) != EventType.ISR_START.id()) {
                r++;
            }
            table.setRowSelectionInterval(r, r);
            return r;
        });
        assertThat(nic.selection().row()).isEqualTo(isrRow);
        assertThat(m.spans().kind(nic.selection().span())).isEqualTo(SpanKind.ISR);
        assertThat(onEdt(() -> timeline.viewport().start() <= m.events().time(isrRow)
                && m.events().time(isrRow) <= timeline.viewport().end())).as("the timeline moved there").isTrue();

        int span = onEdt(() -> {
            clickLastScatterPoint(nic.latency());
            return nic.selection().span();
        });
        assertThat(m.spans().kind(span)).as("a point of interrupt -> callback end selects its callback").isEqualTo(SpanKind.CALLBACK);
        screenshot("viewer-gui-latency.png");
        Path png = tmp.resolve("chart.png");
        onEdt(() -> {
            frame.exportPng(nic, png);
            return null;
        });
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThanOrEqualTo(800);
    }

    /** Paints the scatter (which records where each point is), then clicks the last point as a user would. */
    private static void clickLastScatterPoint(LatencyPanel latency) {
        ChartPanel p = latency.scatterPanel();
        p.setSize(p.getWidth() > 0 ? p.getWidth() : 600, p.getHeight() > 0 ? p.getHeight() : 300);
        BufferedImage img = new BufferedImage(p.getWidth(), p.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        p.paint(g);
        g.dispose();
        int last = latency.scatterChart().data().size() - 1;
        for (Object o : p.getChartRenderingInfo().getEntityCollection().getEntities()) {
            if (o instanceof XYItemEntity e && e.getItem() == last) {
                Rectangle2D r = e.getArea().getBounds2D();
                int x = (int) Math.round(r.getCenterX() * p.getScaleX());
                int y = (int) Math.round(r.getCenterY() * p.getScaleY());
                p.dispatchEvent(new MouseEvent(p, MouseEvent.MOUSE_CLICKED, System.currentTimeMillis(), 0, x, y, 1, false,
                        MouseEvent.BUTTON1));
                return;
            }
        }
        throw new AssertionError("no entity for the last scatter point");
    }

    @Test
    void aDiffMarksTheFirstDivergenceInBothTimelines() throws Exception {
        TracePanel nic = open(TestTraces.sample("nic"), TraceLoader.Mode.READ);
        TracePanel dma = open(TestTraces.sample("dma"), TraceLoader.Mode.READ);
        ViewerFrame.DiffResult d = onEdt(() -> frame.diff(nic, dma)).get(20, SECONDS);
        long seq = d.divergence().orElseThrow().seq();
        assertThat(d.divergence().get().lineA()).contains("nic0");
        assertThat(d.divergence().get().lineB()).contains("plx0");
        assertThat(onEdt(() -> nic.timeline().divergenceRow())).isEqualTo((int) seq);
        assertThat(onEdt(() -> dma.timeline().divergenceRow())).isEqualTo((int) seq);
        assertThat(dma.selection().row()).isEqualTo((int) seq);
        onEdt(() -> {
            frame.setDark(true);
            frame.select(nic);
            return null;
        });
        screenshot("viewer-gui-dark-diff.png");
        assertThat(Settings.load(tmp.resolve("viewer.properties")).dark()).isTrue();
        assertThat(Settings.load(tmp.resolve("viewer.properties")).recent()).hasSize(2);
        onEdt(() -> {
            frame.setDark(false);
            return null;
        });
    }

    @Test
    void aFollowedTraceGrowsInTheWindowUntilItsWriterCloses() throws Exception {
        Path dir = tmp.resolve("live");
        TraceWriter w = TestTraces.writer(dir);
        long apart = 30_000_000L; // each pair of events commits a batch (20 ms of trace time)
        try {
            w.name(0, 0, 0, NameKind.THREAD, 1, "worker-0");
            w.event(1, apart, EventType.CALLBACK_START.id(), 1, -1, 0, 7, 0, 1);
            TracePanel p = open(dir, TraceLoader.Mode.FOLLOW);
            assertThat(p.following()).isTrue();
            assertThat(p.model().eventCount()).isEqualTo(2);
            CountDownLatch grown = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(1);
            onEdt(() -> {
                p.addPollListener(n -> {
                    if (p.model().eventCount() >= 4) {
                        grown.countDown();
                    }
                    if (!p.following()) {
                        finished.countDown();
                    }
                });
                return null;
            });
            w.event(2, 2 * apart, EventType.CALLBACK_END.id(), 1, -1, 0, 7, 0, 1);
            w.event(3, 3 * apart, EventType.CALLBACK_START.id(), 1, -1, 0, 7, 0, 2);
            assertThat(grown.await(10, SECONDS)).as("new events appeared").isTrue();
            assertThat(onEdt(() -> p.events().table().getRowCount())).isGreaterThanOrEqualTo(4);
            w.close();
            assertThat(finished.await(10, SECONDS)).as("following stopped at the end mark").isTrue();
            assertThat(onEdt(() -> p.model().complete())).isTrue();
            screenshot("viewer-gui-follow.png");
        } finally {
            w.close();
        }
    }

    /** The timeline as the window paints it now, and the layout it used. */
    private static BufferedImage paintTimeline(TimelinePanel t) {
        BufferedImage img = new BufferedImage(t.getWidth(), t.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        t.paint(g);
        g.dispose();
        return img;
    }

    /**
     * The failing lost-update sample, as a user opens it: the outcome in the header, the step
     * view, the failure selected, what led here highlighted and explained; screenshots of the
     * main views in step order (timeline with events, with latency, what led here hidden, and
     * the same trace along time for comparison).
     */
    @Test
    void aFailingDeterministicTraceOpensAtItsFailureInStepsWithTheOutcomeUpFront() throws Exception {
        TracePanel lu = open(TestTraces.lostUpdate(), TraceLoader.Mode.READ);
        TraceModel m = lu.model();
        TimelinePanel timeline = lu.timeline();
        int failure = m.failureRow();
        assertThat(onEdt(lu::headerText)).contains("FAILED").contains("invariant violated")
                .contains("RX_TOTAL is 5 after 6 DPC runs: an update was lost");
        assertThat(onEdt(timeline::axis)).isEqualTo(Axis.STEP);
        assertThat(lu.selection().row()).as("opens at the failure").isEqualTo(failure);
        assertThat(onEdt(() -> lu.events().table().getSelectedRow())).isEqualTo(failure);
        assertThat(onEdt(timeline::showingLedHere)).isTrue();
        assertThat(onEdt(() -> lu.details().getText())).contains("failure: invariant violated")
                .contains("What led here: data race on register 2 of 'port0' (#4): write by cpu-1 at #56 and write by cpu-0 at #58")
                .contains("(races with #58, from LostUpdateScenario.countFrame(LostUpdateScenario.java:");
        assertThat(onEdt(() -> lu.details().getLineWrap())).as("the details wrap").isTrue();
        screenshot("viewer-steps-1-failure.png");

        int[] covered = onEdt(() -> SpanPixels.perSpan(paintTimeline(timeline), m,
                timeline.painter().layout(timeline.getWidth(), timeline.getHeight()), timeline.viewport(), Axis.STEP));
        double column = onEdt(() -> timeline.painter().layout(timeline.getWidth(), timeline.getHeight()).plotWidth()
                / timeline.viewport().width());
        assertThat(column).as("pixels per step").isGreaterThan(5);
        for (int span = 0; span < covered.length; span++) {
            double steps = m.spanEnd(Axis.STEP, span) - m.spanStart(Axis.STEP, span);
            assertThat((double) covered[span]).as("span %d, %s steps: wide, not a hairline", span, steps)
                    .isGreaterThanOrEqualTo(Math.max(12, 0.8 * steps * column));
        }

        int clicked = onEdt(() -> {
            lu.selection().select(0, -1, null);
            TimelineLayout l = timeline.painter().layout(timeline.getWidth(), timeline.getHeight());
            int x = (int) Math.round(l.xAt(timeline.viewport(), m.position(Axis.STEP, failure)));
            int lane = m.lanes().ofThread(m.events().thread(failure)).id();
            click(timeline, x, l.barMiddle(l.indexOf(lane)));
            return lu.selection().row();
        });
        assertThat(clicked).as("the failure mark selects the failure").isEqualTo(failure);

        onEdt(() -> {
            lu.latency();
            return null;
        });
        screenshot("viewer-steps-2-latency.png");
        onEdt(() -> {
            key(timeline, KeyEvent.VK_L);
            return null;
        });
        assertThat(onEdt(timeline::showingLedHere)).as("L hides what led here").isFalse();
        assertThat(onEdt(() -> lu.details().getText())).doesNotContain("What led here");
        screenshot("viewer-steps-3-led-hidden.png");
        onEdt(() -> {
            key(timeline, KeyEvent.VK_L);
            key(timeline, KeyEvent.VK_T);
            return null;
        });
        assertThat(onEdt(timeline::axis)).isEqualTo(Axis.TIME);
        screenshot("viewer-steps-4-along-time.png");
    }

    /**
     * The echo sample's I/O: its requests on the queue's lanes on top, wide along steps; a click
     * on a request selects its arrival, shows its status in the details and the events table
     * follows; its EvtIoRead is a span on the thread that ran it. Screenshot of the window.
     */
    @Test
    void theEchoSamplesRequestsAreSpansOnTheirQueueAndAClickSelectsTheArrival() throws Exception {
        TracePanel echo = open(TestTraces.sample("echo"), TraceLoader.Mode.READ);
        TraceModel m = echo.model();
        TimelinePanel timeline = echo.timeline();
        assertThat(onEdt(timeline::axis)).isEqualTo(Axis.STEP);
        int read = -1;
        int evtIoRead = -1;
        for (int s = 0; s < m.spans().count(); s++) {
            if (read < 0 && m.spans().kind(s) == SpanKind.REQUEST && m.names().object(m.spans().object(s)).equals("request-12")) {
                read = s;
            }
            if (evtIoRead < 0 && m.callbackKind(s) == dev.wdfrr.runtime.event.CallbackKind.EVT_IO_READ) {
                evtIoRead = s;
            }
        }
        assertThat(read).isNotNegative();
        assertThat(evtIoRead).isNotNegative();
        int request = read;
        int[] covered = onEdt(() -> SpanPixels.perSpan(paintTimeline(timeline), m,
                timeline.painter().layout(timeline.getWidth(), timeline.getHeight()), timeline.viewport(), Axis.STEP));
        double column = onEdt(() -> timeline.painter().layout(timeline.getWidth(), timeline.getHeight()).plotWidth()
                / timeline.viewport().width());
        double steps = m.spanEnd(Axis.STEP, request) - m.spanStart(Axis.STEP, request);
        assertThat((double) covered[request]).as("request-12 across its %s steps", steps).isGreaterThanOrEqualTo(0.9 * steps * column - 2);

        onEdt(() -> {
            TimelineLayout l = timeline.painter().layout(timeline.getWidth(), timeline.getHeight());
            double mid = (m.spanStart(Axis.STEP, request) + m.spanEnd(Axis.STEP, request)) / 2;
            click(timeline, (int) Math.round(l.xAt(timeline.viewport(), mid)), l.laneMiddle(m.spans().lane(request)));
            return null;
        });
        assertThat(echo.selection().span()).isEqualTo(request);
        assertThat(echo.selection().row()).as("its arrival").isEqualTo(m.spans().startRow(request));
        assertThat(m.events().typeId(echo.selection().row())).isEqualTo(EventType.REQUEST_CREATE.id());
        assertThat(onEdt(() -> echo.events().table().getSelectedRow())).isEqualTo(m.spans().startRow(request));
        assertThat(onEdt(() -> echo.details().getText())).startsWith("read 'request-12' (#12) of 928 bytes to 'echo-queue'")
                .contains("STATUS_SUCCESS");
        screenshot("viewer-echo-requests.png");

        int callback = evtIoRead;
        onEdt(() -> {
            timeline.viewport().fit(m.spanStart(Axis.STEP, callback) - 2, m.spanEnd(Axis.STEP, callback) + 2);
            TimelineLayout l = timeline.painter().layout(timeline.getWidth(), timeline.getHeight());
            double mid = (m.spanStart(Axis.STEP, callback) + m.spanEnd(Axis.STEP, callback)) / 2;
            // the bar's top row: below it, the step's own event would be picked
            click(timeline, (int) Math.round(l.xAt(timeline.viewport(), mid)), l.barTop(l.indexOf(m.spans().lane(callback))) + 3);
            return null;
        });
        assertThat(onEdt(() -> echo.details().getText())).startsWith("EvtIoRead of 'request-");
    }

    /** {@code view --follow DIR} before the recording starts: the tab waits for the trace, then follows it. */
    @Test
    void followingATraceThatDoesNotExistYetWaitsForItThenFollowsIt() throws Exception {
        Path dir = tmp.resolve("later");
        TracePanel p = onEdt(() -> frame.open(dir, TraceLoader.Mode.FOLLOW));
        assertThat(onEdt(p::waiting)).isTrue();
        assertThat(onEdt(() -> frame.tabTitle(0))).isEqualTo("later (waiting)");
        assertThat(onEdt(p::loadingMessage)).contains("Waiting for").contains("later");
        assertThat(onEdt(() -> frame.dialogDirectory())).as("File > Open starts in the working directory")
                .isEqualTo(new java.io.File(System.getProperty("user.dir")));
        TraceWriter w = TestTraces.writer(dir);
        try {
            w.name(0, 0, 0, NameKind.THREAD, 1, "worker-0");
            w.event(1, 30_000_000L, EventType.CALLBACK_START.id(), 1, -1, 0, 7, 0, 1); // commits the first batch
            p.loaded().get(20, SECONDS);
            assertThat(onEdt(p::waiting)).isFalse();
            assertThat(onEdt(p::following)).isTrue();
            assertThat(onEdt(() -> frame.tabTitle(0))).isEqualTo("later (following)");
            CountDownLatch finished = new CountDownLatch(1);
            onEdt(() -> {
                p.addPollListener(n -> {
                    if (!p.following()) {
                        finished.countDown();
                    }
                });
                return null;
            });
            w.close();
            assertThat(finished.await(10, SECONDS)).isTrue();
            assertThat(onEdt(() -> frame.tabTitle(0))).as("done following").isEqualTo("later");
        } finally {
            w.close();
        }
    }
}
