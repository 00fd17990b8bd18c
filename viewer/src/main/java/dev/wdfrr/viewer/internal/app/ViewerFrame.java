package dev.wdfrr.viewer.internal.app;

import dev.wdfrr.viewer.internal.model.Cancellation;
import dev.wdfrr.viewer.internal.model.FirstDivergence;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.timeline.TimelinePanel;

import javax.imageio.ImageIO;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.awt.event.ActionListener;
import java.awt.event.ContainerAdapter;
import java.awt.event.ContainerEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The viewer's window: traces in tabs, opened from the File menu, the recent list, by dropping
 * them on the window, or by the caller; diff of two open traces; PNG export; light and dark
 * themes. Closing the window stops every load and follow it started.
 */
public final class ViewerFrame extends JFrame {
    static final String KEYS_HELP = """
            Timeline
              wheel            zoom around the pointer
              Shift + wheel    pan
              drag             pan
              click            select a span (shows its request chain) or a mark
              W / S            zoom in / out
              A / D            pan left / right
              F                fit the selection (its request chain)
              0 or Home        fit the whole trace
              T                steps (one column per event) or time
              L                show or hide what led to the failure
            Events table
              select a row to move the timeline there; search matches what the
              row shows, every word somewhere in it (e.g. "enqueue coalesced");
              a number finds that event
            Settings
              recent traces and the theme are kept in ~/.wdfrr/viewer.properties
            Latency
              click a point of the scatter to select its span in the timeline""";

    private final Settings settings;
    private final JTabbedPane tabs = new JTabbedPane();
    private final JMenu recentMenu = new JMenu("Open Recent");
    private final JCheckBoxMenuItem darkItem = new JCheckBoxMenuItem("Dark Theme");
    private final Cancellation diffs = new Cancellation();
    /** Where the file dialogs start: the working directory, where the user's traces are, then wherever they last went. */
    private File lastDir = new File(System.getProperty("user.dir"));

    public ViewerFrame(Settings settings) {
        super("wdfrr viewer");
        this.settings = settings;
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
        setJMenuBar(menus());
        tabs.putClientProperty("JTabbedPane.tabClosable", true);
        tabs.putClientProperty("JTabbedPane.tabCloseCallback", (IntConsumer) i -> closeTab(panel(i)));
        JPanel root = new JPanel(new BorderLayout());
        root.add(tabs, BorderLayout.CENTER);
        JLabel hint = new JLabel("Open a trace (File > Open), or drop a trace directory here.", JLabel.CENTER);
        root.add(hint, BorderLayout.SOUTH);
        tabs.addContainerListener(new ContainerAdapter() {
            @Override
            public void componentAdded(ContainerEvent e) {
                hint.setVisible(false);
            }

            @Override
            public void componentRemoved(ContainerEvent e) {
                hint.setVisible(tabs.getTabCount() == 0);
            }
        });
        setContentPane(root);
        TraceDrop drop = new TraceDrop(p -> open(p, TraceLoader.Mode.READ));
        root.setTransferHandler(drop);
        tabs.setTransferHandler(drop);
        setSize(1400, 900);
        setLocationByPlatform(true);
    }

    private JMenuBar menus() {
        JMenuBar bar = new JMenuBar();
        JMenu file = new JMenu("File");
        file.add(item("Open…", KeyEvent.VK_O, e -> chooseAndOpen(TraceLoader.Mode.READ)));
        file.add(item("Follow…", KeyEvent.VK_L, e -> chooseAndOpen(TraceLoader.Mode.FOLLOW)));
        file.add(recentMenu);
        file.add(item("Diff Two Traces…", KeyEvent.VK_D, e -> chooseDiff()));
        file.add(item("Stop Following", 0, e -> current().ifPresent(TracePanel::stopFollowing)));
        file.addSeparator();
        file.add(item("Export Chart as PNG…", KeyEvent.VK_E, e -> chooseExport()));
        file.add(item("Close Tab", KeyEvent.VK_W, e -> current().ifPresent(this::closeTab)));
        file.addSeparator();
        file.add(item("Quit", KeyEvent.VK_Q, e -> dispose()));
        JMenu view = new JMenu("View");
        darkItem.setSelected(settings.dark());
        darkItem.addActionListener(e -> setDark(darkItem.isSelected()));
        view.add(darkItem);
        view.addSeparator();
        view.add(item("Zoom In (W)", 0, e -> timeline(t -> t.zoomIn())));
        view.add(item("Zoom Out (S)", 0, e -> timeline(t -> t.zoomOut())));
        view.add(item("Fit Selection (F)", 0, e -> timeline(t -> t.fitSelection())));
        view.add(item("Fit All (0)", 0, e -> timeline(t -> t.fitAll())));
        JMenu help = new JMenu("Help");
        help.add(item("Mouse and Keys", 0, e -> JOptionPane.showMessageDialog(this, monospaced(KEYS_HELP), "Mouse and keys",
                JOptionPane.INFORMATION_MESSAGE)));
        bar.add(file);
        bar.add(view);
        bar.add(help);
        refreshRecent();
        return bar;
    }

    private static JMenuItem item(String text, int key, ActionListener action) {
        JMenuItem i = new JMenuItem(text);
        if (key != 0) {
            // Ctrl shortcuts only: plain letters belong to the timeline and the search field.
            i.setAccelerator(KeyStroke.getKeyStroke(key, InputEvent.CTRL_DOWN_MASK));
        }
        i.addActionListener(action);
        return i;
    }

    private static JLabel monospaced(String text) {
        return new JLabel("<html><pre>" + text + "</pre></html>");
    }

    private void timeline(Consumer<TimelinePanel> action) {
        current().filter(p -> p.timeline() != null).ifPresent(p -> action.accept(p.timeline()));
    }

    /** Opens a trace in a new tab and starts loading it (following: waiting for it, if it is not there yet). */
    public TracePanel open(Path dir, TraceLoader.Mode mode) {
        TracePanel p = new TracePanel(dir, mode, settings::dark);
        tabs.addTab(TabTitles.name(dir), null, p, dir.toAbsolutePath().normalize().toString());
        tabs.setSelectedComponent(p);
        p.addStateListener(() -> retitle());
        retitle();
        settings.addRecent(dir);
        refreshRecent();
        p.startLoading();
        return p;
    }

    /** Every tab's title from its trace: names told apart when two are alike, and what each is doing. */
    private void retitle() {
        List<TracePanel> panels = tracePanels();
        List<String> titles = TabTitles.of(panels.stream().map(TracePanel::dir).toList());
        for (int i = 0; i < panels.size(); i++) {
            tabs.setTitleAt(i, titles.get(i) + panels.get(i).titleSuffix());
        }
    }

    /** The title of tab {@code i}, as shown. */
    public String tabTitle(int i) {
        return tabs.getTitleAt(i);
    }

    private void refreshRecent() {
        recentMenu.removeAll();
        for (Path p : settings.recent()) {
            recentMenu.add(item(p.toString(), 0, e -> open(p, TraceLoader.Mode.READ)));
        }
        recentMenu.setEnabled(recentMenu.getItemCount() > 0);
    }

    private void chooseAndOpen(TraceLoader.Mode mode) {
        JFileChooser c = chooser("Open a trace directory");
        c.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        if (c.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
            lastDir = c.getSelectedFile().getParentFile();
            open(TraceDrop.traceDir(c.getSelectedFile().toPath()), mode);
        }
    }

    /** Where the next file dialog starts. */
    File dialogDirectory() {
        return lastDir;
    }

    private JFileChooser chooser(String title) {
        JFileChooser c = new JFileChooser(lastDir);
        c.setDialogTitle(title);
        return c;
    }

    /** Tabs in order. */
    public List<TracePanel> tracePanels() {
        List<TracePanel> l = new ArrayList<>();
        for (int i = 0; i < tabs.getTabCount(); i++) {
            l.add(panel(i));
        }
        return l;
    }

    private TracePanel panel(int i) {
        return (TracePanel) tabs.getComponentAt(i);
    }

    /** The tab in front. */
    public Optional<TracePanel> current() {
        return Optional.ofNullable((TracePanel) tabs.getSelectedComponent());
    }

    public void select(TracePanel p) {
        tabs.setSelectedComponent(p);
    }

    public void closeTab(TracePanel p) {
        p.close();
        tabs.remove(p);
        retitle();
    }

    private void chooseDiff() {
        if (tabs.getTabCount() < 2) {
            JFileChooser c = chooser("Open a second trace to compare");
            c.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
            if (tabs.getTabCount() == 0 || c.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
                return;
            }
            open(TraceDrop.traceDir(c.getSelectedFile().toPath()), TraceLoader.Mode.READ);
        }
        List<TracePanel> open = tracePanels();
        JComboBox<String> a = names(open);
        JComboBox<String> b = names(open);
        a.setSelectedIndex(Math.max(0, open.indexOf(current().orElse(open.get(0)))));
        b.setSelectedIndex(a.getSelectedIndex() == 0 ? 1 : 0);
        JPanel form = new JPanel(new GridLayout(2, 2, 6, 6));
        form.add(new JLabel("Trace A"));
        form.add(a);
        form.add(new JLabel("Trace B"));
        form.add(b);
        if (JOptionPane.showConfirmDialog(this, form, "Diff two traces", JOptionPane.OK_CANCEL_OPTION)
                == JOptionPane.OK_OPTION && a.getSelectedIndex() != b.getSelectedIndex()) {
            diff(open.get(a.getSelectedIndex()), open.get(b.getSelectedIndex())).thenAccept(this::reportDiff);
        }
    }

    private static JComboBox<String> names(List<TracePanel> panels) {
        return new JComboBox<>(panels.stream().map(p -> p.dir().toString()).toArray(String[]::new));
    }

    private void reportDiff(DiffResult r) {
        String text = r.divergence().map(FirstDivergence::describe)
                .orElse("The traces hold the same events (timestamps aside).");
        JOptionPane.showMessageDialog(this, monospaced(text), "Diff " + r.a().dir().getFileName() + " / " + r.b().dir().getFileName(),
                JOptionPane.INFORMATION_MESSAGE);
    }

    /** Two traces and where they first differ. */
    public record DiffResult(TracePanel a, TracePanel b, Optional<FirstDivergence> divergence) {
    }

    /**
     * Compares two traces by streaming both files on a background thread, then, once both tabs
     * have loaded, marks the first divergence in both timelines. Completes on the event thread.
     */
    public CompletableFuture<DiffResult> diff(TracePanel a, TracePanel b) {
        CompletableFuture<Optional<FirstDivergence>> found = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                found.complete(FirstDivergence.find(a.dir(), b.dir(), diffs));
            } catch (RuntimeException e) {
                found.completeExceptionally(e);
            }
        }, "wdfrr-viewer-diff");
        t.setDaemon(true);
        t.start();
        CompletableFuture<DiffResult> result = new CompletableFuture<>();
        CompletableFuture.allOf(found, a.loaded(), b.loaded()).whenComplete((v, e) -> SwingUtilities.invokeLater(() -> {
            if (e != null) {
                result.completeExceptionally(e);
                JOptionPane.showMessageDialog(this, "Cannot diff: " + e.getMessage(), "Diff", JOptionPane.ERROR_MESSAGE);
                return;
            }
            Optional<FirstDivergence> d = found.join();
            d.ifPresent(x -> {
                a.markDivergence(x.seq(), "≠ #" + x.seq() + " (vs " + b.dir().getFileName() + ")");
                b.markDivergence(x.seq(), "≠ #" + x.seq() + " (vs " + a.dir().getFileName() + ")");
            });
            result.complete(new DiffResult(a, b, d));
        }));
        return result;
    }

    private void chooseExport() {
        Optional<TracePanel> p = current().filter(x -> x.model() != null);
        if (p.isEmpty()) {
            return;
        }
        JFileChooser c = chooser("Export the chart in front as PNG");
        c.setSelectedFile(new File(lastDir, p.get().dir().getFileName() + ".png"));
        if (c.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            try {
                exportPng(p.get(), c.getSelectedFile().toPath());
            } catch (IOException e) {
                JOptionPane.showMessageDialog(this, "Cannot write " + c.getSelectedFile() + ": " + e.getMessage(), "Export",
                        JOptionPane.ERROR_MESSAGE);
            }
        }
    }

    /** Writes the chart in front in {@code p} (latency distribution or timeline) as a PNG. */
    public void exportPng(TracePanel p, Path file) throws IOException {
        if (!ImageIO.write(p.currentChartImage(), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public void setDark(boolean dark) {
        settings.setDark(dark);
        darkItem.setSelected(dark);
        Themes.switchTo(dark);
        tracePanels().forEach(TracePanel::themeChanged);
    }

    @Override
    public void dispose() {
        diffs.cancel();
        tracePanels().forEach(TracePanel::close);
        super.dispose();
    }
}
