package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.tracer.EventCursor;
import dev.wdfrr.tracer.EventFormat;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.RequestChain;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.WhatLedHere;

import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.KeyStroke;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.event.ActionEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;

/**
 * The timeline component. Mouse: the wheel zooms around the pointer (with Shift it pans), a
 * drag pans, a click selects the mark, the step or the span under the pointer. Keys: W/S zoom
 * in and out, A/D pan, F fits the selection (its request chain), 0 fits the whole trace, T
 * switches between the step axis (one column per event) and the time axis, L shows or hides
 * what led to the failure.
 */
public final class TimelinePanel extends JComponent {
    /** Zoom per wheel notch or key press. */
    static final double ZOOM_STEP = 1.25;
    /** Pan per key press, as a fraction of the visible width. */
    static final double PAN_STEP = 0.15;

    private final TraceModel model;
    private final TimelinePainter painter;
    private Viewport viewport;
    private final Selection selection;
    private final WhatLedHere ledHere;
    private boolean showLedHere;
    private final java.util.List<Runnable> axisListeners = new java.util.ArrayList<>();
    private final java.util.List<Runnable> ledHereListeners = new java.util.ArrayList<>();
    private TimelineLayout layout;
    private RequestChain chain;
    private int divergenceRow = -1;
    private String divergenceLabel;
    private boolean followEnd;

    /** A timeline along {@code axis}, with {@code ledHere} highlighted (until L hides it) when it has steps. */
    public TimelinePanel(TraceModel model, Selection selection, Axis axis, WhatLedHere ledHere) {
        this.model = model;
        this.selection = selection;
        this.ledHere = ledHere;
        this.showLedHere = !ledHere.isEmpty();
        this.painter = new TimelinePainter(model, TimelineStyle.current());
        painter.setAxis(axis);
        this.viewport = Viewport.of(model, axis);
        setFocusable(true);
        setOpaque(true);
        setPreferredSize(new Dimension(700, 360));
        setToolTipText("");
        Mouse mouse = new Mouse();
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addMouseWheelListener(mouse);
        bindKeys();
        selection.addListener(this::selectionChanged);
    }

    private void bindKeys() {
        key("W", "zoom-in", this::zoomIn);
        key("S", "zoom-out", this::zoomOut);
        key("A", "pan-left", () -> pan(-PAN_STEP));
        key("D", "pan-right", () -> pan(PAN_STEP));
        key("F", "fit-selection", this::fitSelection);
        key("0", "fit-all", this::fitAll);
        key("HOME", "fit-all", this::fitAll);
        key("T", "toggle-axis", this::toggleAxis);
        key("L", "what-led-here", () -> setShowLedHere(!showLedHere));
    }

    private void key(String stroke, String name, Runnable r) {
        getInputMap(WHEN_FOCUSED).put(KeyStroke.getKeyStroke(stroke), name);
        getActionMap().put(name, new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                r.run();
            }
        });
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            layout = painter.paint(g2, getWidth(), getHeight(), viewport,
                    new TimelineOverlay(selection.span(), chain, selection.row(), divergenceRow, divergenceLabel,
                            showLedHere ? ledHere : WhatLedHere.NONE));
        } finally {
            g2.dispose();
        }
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (painter != null) {
            painter.setStyle(TimelineStyle.current()); // the theme changed
        }
    }

    public Viewport viewport() {
        return viewport;
    }

    public Axis axis() {
        return painter.axis();
    }

    /** Lays the timeline out along {@code axis}: the whole trace, with the selection (if any) on screen. */
    public void setAxis(Axis axis) {
        if (axis == painter.axis()) {
            return;
        }
        painter.setAxis(axis);
        viewport = Viewport.of(model, axis);
        if (selection.row() >= 0) {
            viewport.reveal(model.position(axis, selection.row()));
        }
        followEnd = false;
        axisListeners.forEach(Runnable::run);
        repaint();
    }

    /** Steps to time or time to steps (the T key). */
    public void toggleAxis() {
        setAxis(painter.axis().other());
    }

    /** Told when the axis changes. */
    public void addAxisListener(Runnable r) {
        axisListeners.add(r);
    }

    /** The steps that led to the failure, highlighted or not (the L key). */
    public void setShowLedHere(boolean show) {
        showLedHere = show && !ledHere.isEmpty();
        ledHereListeners.forEach(Runnable::run);
        repaint();
    }

    /** Told when what led here is shown or hidden. */
    public void addLedHereListener(Runnable r) {
        ledHereListeners.add(r);
    }

    public boolean showingLedHere() {
        return showLedHere;
    }

    public TimelinePainter painter() {
        return painter;
    }

    /** The chain of the selected span, or null. */
    public RequestChain chain() {
        return chain;
    }

    private TimelineLayout layoutNow() {
        return layout != null && layout.width() == getWidth() && layout.height() == getHeight() ? layout
                : painter.layout(getWidth(), getHeight());
    }

    public void zoomIn() {
        zoom(1 / ZOOM_STEP, (viewport.start() + viewport.end()) / 2);
    }

    public void zoomOut() {
        zoom(ZOOM_STEP, (viewport.start() + viewport.end()) / 2);
    }

    void zoom(double factor, double anchor) {
        viewport.zoom(factor, anchor);
        followEnd = false;
        repaint();
    }

    /** Pans by a fraction of the visible width. */
    public void pan(double fraction) {
        viewport.pan(fraction * viewport.width());
        followEnd = false;
        repaint();
    }

    public void fitAll() {
        viewport.fitAll();
        repaint();
    }

    /** Fits the selected span's request chain, else the span, else centres the selected event. */
    public void fitSelection() {
        Axis axis = painter.axis();
        if (chain != null) {
            viewport.fit(chain.start(model, axis), chain.end(model, axis));
        } else if (selection.span() >= 0) {
            viewport.fit(model.spanStart(axis, selection.span()), model.spanEnd(axis, selection.span()));
        } else if (selection.row() >= 0) {
            viewport.reveal(model.position(axis, selection.row()));
        } else {
            viewport.fitAll();
        }
        repaint();
    }

    /** The trace grew (following): extends the data range and, when the view was at the end, keeps it there. */
    public void dataGrew() {
        boolean atEnd = followEnd || viewport.end() >= viewport.dataEnd();
        Axis axis = painter.axis();
        viewport.setData(model.first(axis), model.last(axis));
        if (atEnd) {
            viewport.pan(model.last(axis) + viewport.width() / 50 - viewport.end());
            followEnd = true;
        }
        repaint();
    }

    /** Marks the first divergence from another trace (a dashed line) and shows it. */
    public void markDivergence(int row, String label) {
        divergenceRow = row;
        divergenceLabel = label;
        if (row >= 0) {
            viewport.reveal(model.position(painter.axis(), row));
        }
        repaint();
    }

    /** Row of the marked divergence, or -1. */
    public int divergenceRow() {
        return divergenceRow;
    }

    private void selectionChanged(int row, int span, Object source) {
        chain = span >= 0 ? RequestChain.of(model, span) : null;
        if (source != this && row >= 0) {
            viewport.reveal(model.position(painter.axis(), row));
        }
        repaint();
    }

    /**
     * Selects what is under component point (x, y): a mark's event, else (step view) the event in
     * that column on that lane, else a span; clears the selection otherwise.
     */
    public void selectAt(int x, int y) {
        TimelineLayout l = layoutNow();
        int row = painter.markAt(l, viewport, x, y);
        if (row < 0) {
            row = painter.stepEventAt(l, viewport, x, y);
        }
        if (row >= 0) {
            selection.select(row, model.spanOfEvent(row), this);
            return;
        }
        int span = painter.spanAt(l, viewport, x, y);
        selection.select(span >= 0 ? model.spans().startRow(span) : -1, span, this);
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        TimelineLayout l = layoutNow();
        int row = painter.markAt(l, viewport, e.getX(), e.getY());
        if (row < 0) {
            row = painter.stepEventAt(l, viewport, e.getX(), e.getY());
        }
        if (row >= 0) {
            EventCursor c = model.events().fill(row, new EventCursor());
            return "#" + row + " " + EventFormat.typeName(c) + " " + EventFormat.details(c, model.names());
        }
        int span = painter.spanAt(l, viewport, e.getX(), e.getY());
        return span < 0 ? null : Details.spanSummary(model, span);
    }

    /** Wheel zoom, drag pan, click select. */
    private final class Mouse extends MouseAdapter {
        private int pressX;
        private double pressStart;
        private boolean dragged;

        @Override
        public void mousePressed(MouseEvent e) {
            requestFocusInWindow();
            pressX = e.getX();
            pressStart = viewport.start();
            dragged = false;
        }

        @Override
        public void mouseDragged(MouseEvent e) {
            if (Math.abs(e.getX() - pressX) > 2) {
                dragged = true;
            }
            double perPixel = viewport.width() / layoutNow().plotWidth();
            viewport.pan(pressStart - (e.getX() - pressX) * perPixel - viewport.start());
            followEnd = false;
            repaint();
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            if (!dragged && e.getButton() == MouseEvent.BUTTON1) {
                selectAt(e.getX(), e.getY());
            }
        }

        @Override
        public void mouseWheelMoved(MouseWheelEvent e) {
            double notches = e.getPreciseWheelRotation();
            if (e.isShiftDown()) {
                pan(notches * PAN_STEP);
            } else {
                zoom(Math.pow(ZOOM_STEP, notches), layoutNow().timeAt(viewport, e.getX()));
            }
        }
    }
}
