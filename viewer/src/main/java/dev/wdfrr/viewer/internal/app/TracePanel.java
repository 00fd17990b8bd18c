package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceHeader;
import dev.wdfrr.viewer.internal.model.Cancellation;
import dev.wdfrr.viewer.internal.model.Follower;
import dev.wdfrr.viewer.internal.model.LoadCancelledException;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import dev.wdfrr.viewer.internal.model.Axis;
import dev.wdfrr.viewer.internal.model.WhatLedHere;
import dev.wdfrr.viewer.internal.timeline.Details;
import dev.wdfrr.viewer.internal.timeline.Selection;
import dev.wdfrr.viewer.internal.timeline.TimeFormat;
import dev.wdfrr.viewer.internal.timeline.TimelinePanel;

import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * One trace in a tab: while loading, progress and Cancel; then the timeline with the details
 * of the selection beside it, and the events table and latency charts below. When following,
 * a Swing timer polls for new events (bounded reads, never a spin) until the writer's end mark.
 */
public final class TracePanel extends JPanel {
    /** Pause between polls of a followed trace. */
    static final int FOLLOW_DELAY_MS = 250;
    /** Most events read per poll, so a poll on the event thread stays short. */
    static final int FOLLOW_MAX = 200_000;
    /** A followed trace's latency charts are rebuilt at most this often. */
    static final long LATENCY_REFRESH_NANOS = 2_000_000_000L;

    private final Path dir;
    private final TraceLoader.Mode mode;
    private final BooleanSupplier dark;
    private final Cancellation cancel = new Cancellation();
    private final CompletableFuture<TraceModel> loaded = new CompletableFuture<>();
    private final CardLayout cards = new CardLayout();
    private final LoadingView loading;
    private final Selection selection = new Selection();
    private final JLabel header = new JLabel();
    private final JTextArea details = new JTextArea();
    private final JTabbedPane bottom = new JTabbedPane();
    private TraceModel model;
    private WhatLedHere ledHere = WhatLedHere.NONE;
    private TimelinePanel timeline;
    private EventsPanel events;
    private LatencyPanel latency;
    private Follower follower;
    private Timer followTimer;
    /** Polls for a followed trace that is not there yet; null once it is. */
    private Timer waitTimer;
    private final List<Runnable> stateListeners = new ArrayList<>();
    private boolean latencyStale;
    private long latencyRefreshed;
    private boolean closed;
    private final List<IntConsumer> pollListeners = new ArrayList<>();

    TracePanel(Path dir, TraceLoader.Mode mode, BooleanSupplier dark) {
        this.dir = dir;
        this.mode = mode;
        this.dark = dark;
        setLayout(cards);
        loading = new LoadingView(dir.toString(), cancel::cancel);
        add(loading, "loading");
    }

    /**
     * Starts reading the trace on a background thread; when following a trace that is not there
     * yet, first waits for it (polling, {@value #FOLLOW_DELAY_MS} ms apart).
     */
    void startLoading() {
        if (mode == TraceLoader.Mode.FOLLOW && !TraceLoader.present(dir)) {
            loading.waiting();
            waitTimer = new Timer(FOLLOW_DELAY_MS, e -> {
                if (closed || TraceLoader.present(dir)) {
                    waitTimer.stop();
                    waitTimer = null;
                    if (!closed) {
                        startLoading();
                    }
                    stateChanged();
                }
            });
            waitTimer.start();
            stateChanged();
            return;
        }
        Thread t = new Thread(this::load, "wdfrr-viewer-load " + dir.getFileName());
        t.setDaemon(true);
        t.start();
    }

    /** Whether this tab waits for its trace to appear. */
    public boolean waiting() {
        return waitTimer != null;
    }

    /** What the tab title adds: what the tab is doing, or that its trace failed. */
    String titleSuffix() {
        if (waiting()) {
            return " (waiting)";
        }
        if (model == null) {
            return loaded.isCompletedExceptionally() ? " (error)" : "";
        }
        if (following()) {
            return " (following)";
        }
        return model.failureRow() >= 0 ? " ✗" : "";
    }

    /** Told when the tab's state changes: waiting, loaded, following or not. */
    void addStateListener(Runnable r) {
        stateListeners.add(r);
    }

    private void stateChanged() {
        stateListeners.forEach(Runnable::run);
    }

    private void load() {
        try {
            TraceLoader.Loaded l = TraceLoader.load(dir, mode,
                    (n, f) -> SwingUtilities.invokeLater(() -> loading.progress(n, f)), cancel);
            SwingUtilities.invokeLater(() -> show(l));
        } catch (LoadCancelledException e) {
            SwingUtilities.invokeLater(() -> fail(e, "cancelled"));
        } catch (TraceException e) {
            SwingUtilities.invokeLater(() -> fail(e, e.getMessage()));
        } catch (RuntimeException | OutOfMemoryError e) {
            SwingUtilities.invokeLater(() -> fail(e, "failed: " + e));
        }
    }

    private void fail(Throwable e, String message) {
        loading.failed(message);
        loaded.completeExceptionally(e);
        stateChanged();
    }

    private void show(TraceLoader.Loaded l) {
        if (closed) {
            if (l.follower() != null) {
                l.follower().close();
            }
            return;
        }
        model = l.model();
        follower = l.follower();
        ledHere = WhatLedHere.of(model);
        add(content(), "content");
        cards.show(this, "content");
        selection.addListener((row, span, source) -> showDetails());
        showDetails();
        updateHeader();
        openAtFailure();
        stateChanged();
        if (follower != null && !follower.finished()) {
            followTimer = new Timer(FOLLOW_DELAY_MS, e -> poll());
            followTimer.start();
        }
        loaded.complete(model);
    }

    /** A failing trace opens with its failure selected and on screen: what the user came for. */
    private void openAtFailure() {
        int f = model.failureRow();
        if (f >= 0) {
            selection.select(f, model.spanOfEvent(f), null);
        }
    }

    private JPanel content() {
        timeline = new TimelinePanel(model, selection, Axis.defaultFor(model.header().engine()), ledHere);
        timeline.addAxisListener(this::updateHeader);
        events = new EventsPanel(model, selection);
        details.setEditable(false);
        details.setLineWrap(true);
        details.setWrapStyleWord(true);
        details.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        details.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        JScrollPane detailsScroll = new JScrollPane(details);
        detailsScroll.setPreferredSize(new Dimension(460, 300));
        detailsScroll.setMinimumSize(new Dimension(200, 100));
        JSplitPane top = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, timeline, detailsScroll);
        top.setResizeWeight(1);
        bottom.addTab("Events", events);
        bottom.addTab("Latency", new JPanel()); // built when first shown: it sorts every sample
        bottom.addChangeListener(e -> latencyShown());
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, top, bottom);
        split.setResizeWeight(0.55);
        JPanel p = new JPanel(new BorderLayout());
        header.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        JPanel top2 = new JPanel(new BorderLayout());
        top2.add(header, BorderLayout.CENTER);
        top2.add(viewButtons(), BorderLayout.EAST);
        p.add(top2, BorderLayout.NORTH);
        p.add(split, BorderLayout.CENTER);
        return p;
    }

    private void latencyShown() {
        if (bottom.getSelectedIndex() != 1) {
            return;
        }
        if (latency == null) {
            latency = new LatencyPanel(model, selection, dark);
            bottom.setComponentAt(1, latency);
            latencyRefreshed = System.nanoTime();
        } else if (latencyStale) {
            refreshLatency();
        }
    }

    private void refreshLatency() {
        latencyStale = false;
        latencyRefreshed = System.nanoTime();
        latency.refresh();
    }

    /** Buttons for the axis (T) and, on a failing trace, what led here (L). */
    private JPanel viewButtons() {
        JPanel b = new JPanel(new java.awt.FlowLayout(java.awt.FlowLayout.RIGHT, 4, 0));
        JToggleButton steps = new JToggleButton("Steps (T)", timeline.axis() == Axis.STEP);
        steps.setToolTipText("One column per event instead of time: the interleaving at a glance");
        steps.addActionListener(e -> timeline.setAxis(steps.isSelected() ? Axis.STEP : Axis.TIME));
        timeline.addAxisListener(() -> steps.setSelected(timeline.axis() == Axis.STEP));
        b.add(steps);
        if (!ledHere.isEmpty()) {
            JToggleButton led = new JToggleButton("What led here (L)", true);
            led.setToolTipText("Highlight the steps that decided the failure");
            led.addActionListener(e -> timeline.setShowLedHere(led.isSelected()));
            timeline.addLedHereListener(() -> {
                led.setSelected(timeline.showingLedHere());
                showDetails();
            });
            b.add(led);
        }
        return b;
    }

    private void showDetails() {
        String text = Details.describe(model, selection.row(), selection.span());
        if (!ledHere.isEmpty() && (selection.row() < 0 || ledHere.contains(selection.row())) && timeline.showingLedHere()) {
            text += "\n\n" + ledHere.describe(model);
        }
        details.setText(text);
        details.setCaretPosition(0);
    }

    /** One poll of a followed trace: new events go into the model, then every view catches up. */
    private void poll() {
        int before = model.eventCount();
        int n = follower.poll(FOLLOW_MAX);
        if (n > 0) {
            timeline.dataGrew();
            events.appended(before);
            latencyStale = true;
        }
        if (latencyStale && latency != null && bottom.getSelectedIndex() == 1
                && (follower.finished() || System.nanoTime() - latencyRefreshed > LATENCY_REFRESH_NANOS)) {
            refreshLatency();
        }
        if (follower.finished()) {
            followTimer.stop();
            stateChanged();
        }
        followTimer.setDelay(n == FOLLOW_MAX ? 1 : FOLLOW_DELAY_MS); // behind the writer: catch up at once
        updateHeader();
        pollListeners.forEach(l -> l.accept(n));
    }

    /** Told after every poll of a followed trace, with the number of events it read. */
    void addPollListener(IntConsumer l) {
        pollListeners.add(l);
    }

    /** Stops following: reads what a dead writer left, shows the trace as it is. */
    void stopFollowing() {
        if (follower != null && !follower.finished()) {
            int before = model.eventCount();
            follower.stop();
            followTimer.stop();
            timeline.dataGrew();
            events.appended(before);
            latencyStale = true;
            latencyShown();
            updateHeader();
            stateChanged();
        }
    }

    /** The trace in one line, its outcome first: passed, or failed and why; or still being written, or cut short. */
    private void updateHeader() {
        TraceHeader h = model.header();
        header.setText(String.format(Locale.ROOT, "<html>%s &nbsp; <b>%s</b> &nbsp; %s, %s engine, seed %d, %d workers, %d CPUs"
                        + " &nbsp; %,d events over %s%s</html>", outcomeHtml(), esc(String.valueOf(dir.getFileName())),
                esc(h.scenarioId()), h.engine().name().toLowerCase(Locale.ROOT), h.seed(), h.workers(), h.cpus(),
                model.eventCount(), TimeFormat.duration(model.lastTime()),
                model.truncationNote() != null ? " &nbsp; <i>" + esc(model.truncationNote()) + "</i>" : ""));
    }

    private String outcomeHtml() {
        if (following()) {
            return "<b>following…</b>";
        }
        String o = model.outcomeText();
        if (o.equals("passed")) {
            return "<b style='color:#1a7f37'>PASSED</b>";
        }
        if (o.startsWith("failed")) {
            return "<b style='color:#cf222e'>FAILED</b><span style='color:#cf222e'>" + esc(o.substring("failed".length())) + "</span>";
        }
        return "<b>" + esc(o) + "</b>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The header's text as shown (HTML). */
    String headerText() {
        return header.getText();
    }

    /** Whether new events are still being polled for. */
    public boolean following() {
        return follower != null && !follower.finished();
    }

    /** Marks the first divergence from another trace at event {@code seq} (the end, when this trace is shorter). */
    void markDivergence(long seq, String label) {
        int row = (int) Math.min(seq, model.eventCount() - 1L);
        timeline.markDivergence(row, label);
        if (seq < model.eventCount()) {
            selection.select(row, model.spanOfEvent(row), this);
        }
    }

    /** The chart in front: the latency distribution when the Latency tab is shown, else the timeline as it looks now. */
    BufferedImage currentChartImage() {
        if (latency != null && bottom.getSelectedIndex() == 1) {
            return latency.distributionChart().createBufferedImage(Math.max(800, latency.getWidth()),
                    Math.max(500, latency.getHeight() / 2));
        }
        BufferedImage img = new BufferedImage(Math.max(1, timeline.getWidth()), Math.max(1, timeline.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            timeline.printAll(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The look and feel changed: charts take the new colours. */
    void themeChanged() {
        if (latency != null) {
            refreshLatency();
        }
    }

    /** Stops loading or following and releases the trace. */
    void close() {
        closed = true;
        cancel.cancel();
        if (waitTimer != null) {
            waitTimer.stop();
            waitTimer = null;
        }
        if (followTimer != null) {
            followTimer.stop();
        }
        if (follower != null) {
            follower.close();
        }
    }

    /** Completes on the event thread once the model is shown; fails when loading failed or was cancelled. */
    public CompletableFuture<TraceModel> loaded() {
        return loaded;
    }

    public Path dir() {
        return dir;
    }

    /** The model, or null while loading. */
    public TraceModel model() {
        return model;
    }

    public Selection selection() {
        return selection;
    }

    public TimelinePanel timeline() {
        return timeline;
    }

    EventsPanel events() {
        return events;
    }

    /** The latency panel, built on first use. */
    LatencyPanel latency() {
        bottom.setSelectedIndex(1);
        return latency;
    }

    JTextArea details() {
        return details;
    }

    String loadingMessage() {
        return loading.message();
    }
}
