package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.Lane;
import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.SpanKind;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.WhatLedHere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static dev.wdfrr.viewer.TestTraces.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Painting and hit testing without a window. */
@Timeout(60)
class TimelinePainterTest {
    static final int W = 1000;
    static final int H = 300;

    @TempDir
    Path tmp;

    private TraceModel model;
    private TimelinePainter painter;
    private Viewport viewport;
    private BufferedImage image;
    private TimelineLayout layout;

    private void paint(TimelineOverlay overlay) {
        model = model != null ? model : TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        painter = painter != null ? painter : new TimelinePainter(model, TimelineStyle.light());
        viewport = viewport != null ? viewport : new Viewport(0, 8000);
        image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        layout = painter.paint(g, W, H, viewport, overlay);
        g.dispose();
    }

    private int x(double t) {
        return (int) Math.round(layout.xAt(viewport, t));
    }

    private int y(int thread) {
        return layout.laneMiddle(model.lanes().ofThread(thread).id());
    }

    @Test
    void barsAreDrawnInTheirObjectsColourOnTheirLane() {
        paint(TimelineOverlay.NONE);
        assertThat(new Color(image.getRGB(x(5000), y(WORKER0)))).isEqualTo(Palette.of(ITEM));
        assertThat(new Color(image.getRGB(x(2250), y(CPU0) + 6))).isEqualTo(Palette.of(INTERRUPT));
        assertThat(new Color(image.getRGB(x(5000), y(CPU0)))).isNotEqualTo(Palette.of(INTERRUPT));
        assertThat(layout.lanes()).extracting(Lane::thread).containsExactly(ISR0, CPU0, WORKER0, DEVICE, MAIN);
    }

    @Test
    void aClickFindsTheSpanOrTheMarkUnderIt() {
        paint(TimelineOverlay.NONE);
        int callback = model.lanes().ofThread(WORKER0).spanId(0);
        assertThat(painter.spanAt(layout, viewport, x(5000), y(WORKER0))).isEqualTo(callback);
        assertThat(painter.spanAt(layout, viewport, x(5000), y(CPU0))).isEqualTo(-1);
        assertThat(painter.spanAt(layout, viewport, 10, y(WORKER0))).as("the label column").isEqualTo(-1);
        assertThat(painter.markAt(layout, viewport, x(2200) + 1, y(CPU0))).isEqualTo(ROW_ENQUEUE_COALESCED);
        assertThat(painter.markAt(layout, viewport, x(7500), y(MAIN))).isEqualTo(ROW_DELETE);
        assertThat(painter.markAt(layout, viewport, x(5000), y(MAIN))).isEqualTo(-1);
    }

    @Test
    void theSelectedChainIsDrawnOverTheLanes() {
        paint(TimelineOverlay.NONE);
        int before = countColour(TimelineStyle.light().accent());
        int callback = model.lanes().ofThread(WORKER0).spanId(0);
        paint(new TimelineOverlay(callback, RequestChain.of(model, callback), ROW_CALLBACK_START, ROW_VIOLATION, "≠ #15"));
        assertThat(countColour(TimelineStyle.light().accent())).isGreaterThan(before + 100);
        assertThat(countColour(TimelineStyle.light().divergence())).isGreaterThan(50);
    }

    @Test
    void aNarrowViewOfManySpansCostsOneBinPerPixel() {
        model = TraceLoader.read(TestTraces.sample("nic"));
        painter = new TimelinePainter(model, TimelineStyle.light());
        viewport = new Viewport(model.firstTime(), model.lastTime());
        for (int i = 0; i < 30; i++) {
            paint(TimelineOverlay.NONE);
            viewport.zoom(0.7, model.lastTime() / 2.0);
        }
        assertThat(viewport.width()).isLessThan(1000);
    }

    /** Paints the failing lost-update sample along {@code axis}, whole. */
    private void paintLostUpdate(Axis axis) {
        model = TraceLoader.read(TestTraces.lostUpdate());
        painter = new TimelinePainter(model, TimelineStyle.light());
        painter.setAxis(axis);
        viewport = Viewport.of(model, axis);
        paint(TimelineOverlay.NONE.withLedHere(WhatLedHere.of(model)));
    }

    private String label(int row, double room) {
        Graphics2D g = image.createGraphics();
        g.setFont(TimelineStyle.light().font().deriveFont(10f));
        try {
            return new StepPainter(model).label(row, room, g.getFontMetrics());
        } finally {
            g.dispose();
        }
    }

    private int[] pixelsPerSpan() {
        return SpanPixels.perSpan(image, model, layout, viewport, painter.axis());
    }

    @Test
    void alongStepsEverySpanOfAFailingDeterministicTraceIsWideNotAHairline() {
        paintLostUpdate(Axis.TIME);
        int[] alongTime = pixelsPerSpan();
        assertThat(java.util.Arrays.stream(alongTime).max().orElseThrow()).as("every event at the same virtual time: hairlines")
                .isLessThanOrEqualTo(2);
        paintLostUpdate(Axis.STEP);
        int[] alongSteps = pixelsPerSpan();
        double column = layout.plotWidth() / viewport.width();
        assertThat(column).as("a column per step").isGreaterThan(7);
        for (int span = 0; span < alongSteps.length; span++) {
            double steps = model.spanEnd(Axis.STEP, span) - model.spanStart(Axis.STEP, span);
            assertThat(steps).isGreaterThanOrEqualTo(4);
            assertThat((double) alongSteps[span]).as("span %d covers %s steps (arrows and text may cross it)", span, steps)
                    .isGreaterThanOrEqualTo(0.8 * steps * column);
        }
    }

    /** The echo sample along steps, in a window as large as the viewer's. */
    private void paintEchoAlongSteps(int w, int h) {
        model = TraceLoader.read(TestTraces.sample("echo"));
        painter = new TimelinePainter(model, TimelineStyle.light());
        painter.setAxis(Axis.STEP);
        viewport = Viewport.of(model, Axis.STEP);
        image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        layout = painter.paint(g, w, h, viewport, TimelineOverlay.NONE);
        g.dispose();
    }

    @Test
    void alongStepsRequestsAreDrawnFromArrivalToCompletionOnTheirQueuesLanes() {
        paintEchoAlongSteps(2000, 800);
        int[] pixels = pixelsPerSpan();
        double column = layout.plotWidth() / viewport.width();
        int requests = 0;
        int cancelled = 0;
        for (int span = 0; span < pixels.length; span++) {
            if (model.spans().kind(span) != SpanKind.REQUEST) {
                continue;
            }
            requests++;
            cancelled += model.requestCancelled(span) ? 1 : 0;
            double steps = model.spanEnd(Axis.STEP, span) - model.spanStart(Axis.STEP, span);
            assertThat(layout.indexOf(model.spans().lane(span))).as("its lane is shown").isGreaterThanOrEqualTo(0);
            assertThat((double) pixels[span]).as("request span %d covers %s steps", span, steps)
                    .isGreaterThanOrEqualTo(0.9 * steps * column - 2);
        }
        assertThat(requests).isEqualTo(12);
        assertThat(cancelled).isGreaterThan(0);
        assertThat(layout.lanes().get(0).label(model.names())).isEqualTo("requests of echo-queue");
    }

    @Test
    void aClickOnARequestSelectsItsArrivalSpanAndACancelledOneIsHatched() {
        paintEchoAlongSteps(2000, 800);
        for (int span = 0; span < model.spans().count(); span++) {
            if (model.spans().kind(span) != SpanKind.REQUEST) {
                continue;
            }
            int i = layout.indexOf(model.spans().lane(span));
            int xMid = x((model.spanStart(Axis.STEP, span) + model.spanEnd(Axis.STEP, span)) / 2);
            assertThat(painter.stepEventAt(layout, viewport, xMid, layout.barMiddle(i))).as("no step of a thread there").isEqualTo(-1);
            assertThat(painter.markAt(layout, viewport, xMid, layout.barMiddle(i))).isEqualTo(-1);
            assertThat(painter.spanAt(layout, viewport, xMid, layout.barMiddle(i))).isEqualTo(span);
            assertThat(model.events().typeId(model.spans().startRow(span))).as("its start row is its arrival")
                    .isEqualTo(dev.wdfrr.runtime.event.EventType.REQUEST_CREATE.id());
            TimelineStyle st = TimelineStyle.light();
            int hatch = SpanBars.blend(st.mutedText(), st.background(), 0.55).getRGB();
            int hatched = 0;
            for (int xx = x(model.spanStart(Axis.STEP, span)) + 3; xx < x(model.spanEnd(Axis.STEP, span)) - 3; xx++) {
                hatched += image.getRGB(xx, layout.barTop(i) + 1) == hatch ? 1 : 0;
            }
            assertThat(hatched > 0).as("request span %d hatched iff cancelled", span).isEqualTo(model.requestCancelled(span));
        }
    }

    @Test
    void alongStepsValuesArrowsAndWhatLedHereAreDrawn() {
        paintLostUpdate(Axis.STEP);
        TimelineStyle st = TimelineStyle.light();
        assertThat(countColour(st.write())).as("values written").isGreaterThan(40);
        assertThat(countColour(st.read())).as("values read and write → read arrows").isGreaterThan(100);
        assertThat(countColour(st.mutedText())).as("request arrows and notches").isGreaterThan(100);
        int band = new Color(image.getRGB(x(model.steps().step(56) + 0.5), TimelineLayout.RULER_HEIGHT + 2)).getRGB();
        int plain = new Color(image.getRGB(x(model.steps().step(30) + 0.5), TimelineLayout.RULER_HEIGHT + 2)).getRGB();
        assertThat(band).as("the lost write's column is highlighted").isNotEqualTo(plain);
        assertThat(label(56, 100)).isEqualTo("reg2 ← 1");
        assertThat(label(53, 100)).isEqualTo("reg2 → 0");
        assertThat(label(53, 16)).isEqualTo("→0");
        assertThat(label(53, 2)).isNull();
    }

    /** A traced cell's reads and writes are labelled with the cell's name and the value, as registers are. */
    @Test
    void alongStepsTheValuesOfCellAccessesAreShown() {
        Path dir = tmp.resolve("cell");
        try (dev.wdfrr.tracer.TraceWriter w = TestTraces.writer(dir)) {
            w.name(0, 0, 0, dev.wdfrr.runtime.event.NameKind.THREAD, 1, "t1");
            w.name(1, 0, 0, dev.wdfrr.runtime.event.NameKind.OBJECT, 30, "total");
            w.event(2, 0, dev.wdfrr.runtime.event.EventType.CELL_CREATE.id(), 1, -1, 0, 30, 0, 0);
            w.event(3, 0, dev.wdfrr.runtime.event.EventType.MEM_WRITE.id(), 1, -1, 0, 30, 0, 7);
            w.event(4, 0, dev.wdfrr.runtime.event.EventType.MEM_READ.id(), 1, -1, 0, 30, 0, 7);
        }
        model = TraceLoader.read(dir);
        image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        assertThat(label(3, 100)).isEqualTo("total ← 7");
        assertThat(label(4, 100)).isEqualTo("total → 7");
        assertThat(label(4, 16)).isEqualTo("→7");
    }

    @Test
    void clickingTheFailureMarkSelectsTheFailureEvenAmongEventsAtTheSameTime() {
        paintLostUpdate(Axis.TIME);
        int f = model.failureRow();
        int main = model.events().thread(f);
        int yMain = layout.laneMiddle(model.lanes().ofThread(main).id());
        assertThat(painter.markAt(layout, viewport, x(model.events().time(f)), yMain)).isEqualTo(f);
        paintLostUpdate(Axis.STEP);
        assertThat(painter.markAt(layout, viewport, x(model.position(Axis.STEP, f)), yMain)).isEqualTo(f);
        int write = 56;
        int yCpu = layout.barMiddle(layout.indexOf(model.lanes().ofThread(model.events().thread(write)).id()));
        assertThat(painter.stepEventAt(layout, viewport, x(model.position(Axis.STEP, write)), yCpu))
                .as("a click on a step's column picks that step").isEqualTo(write);
    }

    private int countColour(Color c) {
        int n = 0;
        for (int yy = 0; yy < H; yy++) {
            for (int xx = 0; xx < W; xx++) {
                n += image.getRGB(xx, yy) == c.getRGB() ? 1 : 0;
            }
        }
        return n;
    }
}
