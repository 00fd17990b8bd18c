package dev.wdfrr.cli;

import com.github.caciocavallosilano.cacio.ctc.junit.CacioExtension;
import dev.wdfrr.viewer.internal.app.TracePanel;
import dev.wdfrr.viewer.internal.app.ViewerFrame;
import org.jfree.chart.ChartPanel;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import java.awt.AWTEvent;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Java agent that lets {@link NoNetworkIT} run the real {@code java -jar wdfrr.jar view TRACE}
 * without a display: before the command's {@code main} it installs Caciocavallo's headless
 * toolkit (what the viewer's window tests run on), whose windows paint into a virtual screen.
 * The viewer then opens its window as on a desktop. Once the trace is shown, the probe does what
 * a user would to see all of it (the Latency tab), has the window paint itself, reads the
 * window back from the virtual screen, and prints one line per part painted (its timeline,
 * events table and latency charts) with the number of colours found there; the window as read
 * back goes to {@code PREFIX-events.png} and {@code PREFIX-latency.png}. Then it closes the
 * window, which ends the command as a user closing it would.
 *
 * <p>Agent argument: {@code PREFIX}. Anything that goes wrong is one line starting "probe:" and
 * exit 3; a viewer that does not show the trace within {@value #SHOWN_WITHIN_S} s is one too.
 */
public final class ViewerProbe {
    static final int SHOWN_WITHIN_S = 90;

    private ViewerProbe() {
    }

    public static void premain(String prefix) throws Exception {
        // Loading the extension installs the toolkit, as it does for @ExtendWith(CacioExtension.class).
        Class.forName(CacioExtension.class.getName(), true, ViewerProbe.class.getClassLoader());
        CountDownLatch done = new CountDownLatch(1);
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
            if (e.getID() == WindowEvent.WINDOW_OPENED && e.getSource() instanceof ViewerFrame f) {
                TracePanel p = f.tracePanels().get(0);
                // loaded() completes on the event thread, inside the panel's own update: look after it
                p.loaded().whenComplete((model, failure) -> SwingUtilities.invokeLater(() -> {
                    try {
                        if (failure != null) {
                            throw new IllegalStateException("the trace did not load: " + failure, failure);
                        }
                        inspect(f, p, prefix);
                        done.countDown();
                        f.dispose();
                    } catch (Throwable t) {
                        die(t.toString());
                    }
                }));
            }
        }, AWTEvent.WINDOW_EVENT_MASK);
        Thread watchdog = new Thread(() -> {
            try {
                if (!done.await(SHOWN_WITHIN_S, TimeUnit.SECONDS)) {
                    die("the viewer did not show the trace within " + SHOWN_WITHIN_S + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "viewer-probe-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** On the event thread, with the trace shown in {@code panel}: paints and reads back each view of it. */
    private static void inspect(ViewerFrame frame, TracePanel panel, String png) throws Exception {
        JTabbedPane bottom = find(panel, JTabbedPane.class, t -> t.indexOfTab("Latency") >= 0);
        // As the trace opens: the timeline over the events table.
        BufferedImage shot = paint(frame, png + "-events.png");
        JTable table = find(panel, JTable.class, JTable::isShowing);
        System.out.println("painted timeline: " + colours(shot, frame, panel.timeline()) + " colours");
        System.out.println("painted table: " + table.getRowCount() + " rows, " + colours(shot, frame, table) + " colours");
        bottom.setSelectedIndex(bottom.indexOfTab("Latency")); // a click on the tab: the charts are built when first shown
        shot = paint(frame, png + "-latency.png");
        System.out.println("painted charts: " + colours(shot, frame, find(panel, ChartPanel.class, ChartPanel::isShowing)) + " colours");
    }

    /** Has the window paint itself now (onto the virtual screen) and reads it back from there. */
    private static BufferedImage paint(ViewerFrame frame, String png) throws Exception {
        frame.validate();
        JComponent root = frame.getRootPane();
        root.paintImmediately(0, 0, root.getWidth(), root.getHeight());
        BufferedImage shot = new Robot().createScreenCapture(new Rectangle(frame.getLocationOnScreen(), frame.getSize()));
        ImageIO.write(shot, "png", Path.of(png).toFile());
        return shot;
    }

    /** The distinct colours of {@code c}'s visible part in {@code shot}, the capture of {@code frame}. */
    private static int colours(BufferedImage shot, ViewerFrame frame, JComponent c) {
        Rectangle r = SwingUtilities.convertRectangle(c, c.getVisibleRect(), frame);
        Set<Integer> seen = new HashSet<>();
        for (int y = Math.max(0, r.y); y < Math.min(shot.getHeight(), r.y + r.height); y++) {
            for (int x = Math.max(0, r.x); x < Math.min(shot.getWidth(), r.x + r.width); x++) {
                seen.add(shot.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static <T extends Component> T find(Container in, Class<T> type, Predicate<T> which) {
        T found = search(in, type, which);
        if (found == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " in the trace's tab");
        }
        return found;
    }

    private static <T extends Component> T search(Container in, Class<T> type, Predicate<T> which) {
        for (Component c : in.getComponents()) {
            if (type.isInstance(c) && which.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Container inner) {
                T found = search(inner, type, which);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void die(String why) {
        System.out.println("probe: " + why);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
